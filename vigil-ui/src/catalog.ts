// The item kind catalog, fetched once per page load: it changes only with a server release.
import { shallowRef } from 'vue';
import { api, type KindSpec } from './api';

export const kinds = shallowRef<KindSpec[]>([]);
let loading: Promise<KindSpec[]> | null = null;

/** Loads the catalog (once; a failed load is retried on the next call). */
export function loadKinds(): Promise<KindSpec[]> {
  loading ??= api.kinds().then(
    (list) => (kinds.value = list),
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}
