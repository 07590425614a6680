import type { Row, Sort } from '../../src-preload/contract';

export type { Row };
export type SortSchemaField = Sort['field'];
