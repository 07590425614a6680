/**
 * The small, fixed parts of the package, and the one style table every sheet shares (indices in `STYLE`),
 * so no cell ever needs a style lookup.
 */
import { escapeAttr, escapeText } from './xml';

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT_BASE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** cellXfs indices. Data cells are top-aligned so short cells stay level with wrapped long text. */
export const STYLE = { header: 1, text: 2, wrap: 3, date: 4, integer: 5, number: 2, decimal: 6 } as const;

export const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

const TOP = '<alignment vertical="top"/>';
export const STYLES_XML =
  XML_DECL +
  `<styleSheet xmlns="${NS_MAIN}">` +
  `<numFmts count="1"><numFmt numFmtId="164" formatCode="${DATE_FORMAT}"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left/><right/><top/><bottom style="thin"><color rgb="FF8EA9DB"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="7">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>' +
  `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">${TOP}</xf>` +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">${TOP}</xf>` +
  `<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">${TOP}</xf>` +
  // Built-in format 2 is "0.00": Excel shows it with the reader's own decimal mark.
  `<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">${TOP}</xf>` +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/>' +
  '</styleSheet>';

export const ROOT_RELS_XML =
  XML_DECL +
  `<Relationships xmlns="${NS_PKG_REL}">` +
  `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>';

export interface WrittenSheet {
  name: string;
  /** Last row written, header included (the autofilter's extent). */
  lastRow: number;
  lastColumn: string;
}

export const sheetPath = (index: number): string => `xl/worksheets/sheet${index + 1}.xml`;

export function contentTypesXml(sheetCount: number): string {
  let overrides = `<Override PartName="/xl/workbook.xml" ContentType="${CT_BASE}.sheet.main+xml"/>`;
  overrides += `<Override PartName="/xl/styles.xml" ContentType="${CT_BASE}.styles+xml"/>`;
  for (let i = 0; i < sheetCount; i++) {
    overrides += `<Override PartName="/${sheetPath(i)}" ContentType="${CT_BASE}.worksheet+xml"/>`;
  }
  return (
    XML_DECL +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    overrides +
    '</Types>'
  );
}

export function workbookRelsXml(sheetCount: number): string {
  let rels = '';
  for (let i = 0; i < sheetCount; i++) {
    rels += `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`;
  }
  rels += `<Relationship Id="rId${sheetCount + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`;
  return `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">${rels}</Relationships>`;
}

/** In a formula a sheet name is quoted, with its apostrophes doubled. */
const quotedSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

export function workbookXml(sheets: WrittenSheet[]): string {
  const list = sheets.map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  // Excel stores each autofilter's range under this hidden name too; we write the package Excel itself would.
  const names = sheets
    .map(
      (s, i) =>
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">` +
        `${escapeText(quotedSheet(s.name))}!$A$1:$${s.lastColumn}$${s.lastRow}</definedName>`,
    )
    .join('');
  return (
    XML_DECL +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${list}</sheets>` +
    (names ? `<definedNames>${names}</definedNames>` : '') +
    '</workbook>'
  );
}
