import {
  CellStyleModule,
  ColumnApiModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  RowApiModule,
  ScrollApiModule,
  TooltipModule,
  ValidationModule,
} from 'ag-grid-community';

// Only what the grid uses (the Infinite Row Model needs its module registered, or the grid stops with error #200).
ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  RowApiModule,
  ScrollApiModule,
  ColumnApiModule,
  CellStyleModule,
  // The "Matched in" column's header explains itself in a tooltip (match-column.tsx).
  TooltipModule,
  ...(import.meta.env.DEV ? [ValidationModule] : []),
]);
