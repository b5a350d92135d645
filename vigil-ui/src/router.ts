// Hash history, so every UI URL is "/" to the server and it needs no SPA fallback route.
import { createRouter, createWebHashHistory } from 'vue-router';
import { onUnauthorized } from './api';
import { currentUser, ensureUser } from './session';
import HostListView from './views/HostListView.vue';
import HostView from './views/HostView.vue';
import LoginView from './views/LoginView.vue';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
    { path: '/', redirect: '/hosts' },
    { path: '/hosts', name: 'hosts', component: HostListView },
    { path: '/hosts/:key', name: 'host', component: HostView, props: (r) => ({ hostKey: String(r.params.key) }) },
    { path: '/:unknown(.*)*', redirect: '/hosts' },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  if (await ensureUser()) return true;
  return { name: 'login', query: { next: to.fullPath } };
});

// Any API call answered 401 means the session is gone: forget the user and ask to log in again.
onUnauthorized(() => {
  currentUser.value = null;
  const here = router.currentRoute.value;
  if (here.name !== 'login') {
    void router.push({ name: 'login', query: { next: here.fullPath } });
  }
});
