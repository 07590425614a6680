import {
  CellStyleModule,
  ColumnApiModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  RowApiModule,
  RenderApiModule,
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
  // The "Matched in" column (match-column.tsx): its cells refreshed as columns move, its header's tooltip.
  RenderApiModule,
  TooltipModule,
  ...(import.meta.env.DEV ? [ValidationModule] : []),
]);
