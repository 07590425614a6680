import type { Row, Sort } from '../../src-main/core/api/contract';

export type { Row };
export type SortSchemaField = Sort['field'];
