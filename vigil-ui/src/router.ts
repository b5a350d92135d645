// Hash history, so every UI URL is "/" to the server and it needs no SPA fallback route.
import { createRouter, createWebHashHistory } from 'vue-router';
import { onUnauthorized } from './api';
import { ensureUser, setCurrentUser } from './session';
import AccountView from './views/AccountView.vue';
import AuditView from './views/AuditView.vue';
import CompareView from './views/CompareView.vue';
import DashboardsView from './views/DashboardsView.vue';
import DashboardView from './views/DashboardView.vue';
import GroupsView from './views/GroupsView.vue';
import HostListView from './views/HostListView.vue';
import HostView from './views/HostView.vue';
import LoginView from './views/LoginView.vue';
import NotifyView from './views/NotifyView.vue';
import OverviewView from './views/OverviewView.vue';
import ProblemsView from './views/ProblemsView.vue';
import ProblemView from './views/ProblemView.vue';
import ReportsView from './views/ReportsView.vue';
import StorageView from './views/StorageView.vue';
import RulesView from './views/RulesView.vue';
import SuppressionView from './views/SuppressionView.vue';
import TemplatesView from './views/TemplatesView.vue';
import TemplateView from './views/TemplateView.vue';
import UsersView from './views/UsersView.vue';
import WebTrafficView from './views/WebTrafficView.vue';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
    { path: '/', redirect: '/overview' },
    { path: '/overview', name: 'overview', component: OverviewView },
    { path: '/dashboards', name: 'dashboards', component: DashboardsView },
    { path: '/dashboards/:id', name: 'dashboard', component: DashboardView, props: (r) => ({ dashboardId: String(r.params.id) }) },
    { path: '/compare', name: 'compare', component: CompareView },
    { path: '/reports', name: 'reports', component: ReportsView },
    { path: '/users', name: 'users', component: UsersView },
    { path: '/storage', name: 'storage', component: StorageView },
    { path: '/account', name: 'account', component: AccountView },
    { path: '/hosts', name: 'hosts', component: HostListView },
    { path: '/hosts/:key', name: 'host', component: HostView, props: (r) => ({ hostKey: String(r.params.key) }) },
    { path: '/hosts/:key/web', name: 'host-web', component: WebTrafficView, props: (r) => ({ hostKey: String(r.params.key) }) },
    { path: '/web', name: 'web', component: WebTrafficView },
    { path: '/templates', name: 'templates', component: TemplatesView },
    { path: '/templates/:id', name: 'template', component: TemplateView, props: (r) => ({ templateId: String(r.params.id) }) },
    { path: '/groups', name: 'groups', component: GroupsView },
    { path: '/audit', name: 'audit', component: AuditView },
    { path: '/problems', name: 'problems', component: ProblemsView },
    { path: '/problems/:id', name: 'problem', component: ProblemView, props: (r) => ({ problemId: String(r.params.id) }) },
    { path: '/alert-rules', name: 'rules', component: RulesView },
    { path: '/suppression', name: 'suppression', component: SuppressionView },
    { path: '/notify', name: 'notify', component: NotifyView },
    { path: '/:unknown(.*)*', redirect: '/overview' },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  if (await ensureUser()) return true;
  return { name: 'login', query: { next: to.fullPath } };
});

// Any API call answered 401 means the session is gone: forget the user and ask to log in again.
onUnauthorized(() => {
  setCurrentUser(null);
  const here = router.currentRoute.value;
  if (here.name !== 'login') {
    void router.push({ name: 'login', query: { next: here.fullPath } });
  }
});
