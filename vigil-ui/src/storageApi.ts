// Client for the storage screen (GET /api/v1/storage, admins only; docs/api.md).
import { request } from './api';

export interface StorageSample {
  /** Epoch millis. */
  t: number;
  sizeBytes: number;
  freeBytes: number | null;
}

export interface MeasurementUsage {
  measurement: string;
  rawBytes: number;
  rollupBytes: number;
  totalBytes: number;
  rows: number;
  partitions: number;
  parquetPartitions: number;
  parquetBytes: number;
}

export interface StorageOverview {
  storeBytes: number;
  fileSystem: { directory: string; totalBytes: number; freeBytes: number; minFreeBytes: number };
  retention: {
    rawSeconds: number;
    minuteRollupSeconds: number;
    hourRollupSeconds: number;
    /** null: Parquet conversion is off. */
    parquetAfterSeconds: number | null;
  };
  /** Largest first; empty when the store cannot tell. */
  measurements: MeasurementUsage[];
  history: { intervalSeconds: number; samples: StorageSample[] };
}

export const storageApi = {
  overview: () => request<StorageOverview>('GET', '/api/v1/storage'),
};
