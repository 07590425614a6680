import { themeQuartz } from 'ag-grid-community';

/** The grid in the app's calm palette (see styles/app.css). */
export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  accentColor: '#2f6f73',
  backgroundColor: '#ffffff',
  foregroundColor: '#1f2a30',
  headerBackgroundColor: '#f4f6f7',
  rowHoverColor: '#eef5f5',
  selectedRowBackgroundColor: '#dcecec',
  borderColor: '#e1e5e8',
  wrapperBorderRadius: 0,
  spacing: 6,
});
