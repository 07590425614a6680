// `npm run icons`: renders every installer icon from the one source image, resources/icon.svg.
//   resources/icons/NxN.png   Linux (AppImage, deb) icon set
//   resources/icon.png        1024 px, the master the ICO and ICNS are made from
//   resources/icon.ico        Windows (NSIS, the .exe)
//   resources/icon.icns       macOS (the .app and the dmg)
// The outputs are committed; test/integration/packaging-config.test.ts re-renders them and fails when they
// no longer match the SVG (edit the SVG, run this, commit both).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

export const RESOURCES_DIR = join(import.meta.dirname, '..', 'resources');
export const ICON_SVG = join(RESOURCES_DIR, 'icon.svg');
/** The sizes of the Linux icon set (freedesktop's usual sizes, up to the 1024 master). */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

/** The SVG rendered to a size x size PNG. No system fonts: the icon has no text, and the output must not
 * depend on the machine that renders it. */
export function renderPng(svg: Buffer | string, size: number): Buffer {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  return Buffer.from(resvg.render().asPng());
}

/** ICO (PNG entries, BMP under 64 px for old Windows shells) and ICNS from the 1024 px master. */
export function iconFiles(master: Buffer): { ico: Buffer; icns: Buffer } {
  const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true);
  const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
  if (!ico || !icns) throw new Error('png2icons could not convert resources/icon.png');
  return { ico, icns };
}

function main(): void {
  const svg = readFileSync(ICON_SVG);
  mkdirSync(join(RESOURCES_DIR, 'icons'), { recursive: true });
  for (const size of ICON_SIZES) writeFileSync(join(RESOURCES_DIR, 'icons', `${size}x${size}.png`), renderPng(svg, size));
  const master = renderPng(svg, 1024);
  writeFileSync(join(RESOURCES_DIR, 'icon.png'), master);
  const { ico, icns } = iconFiles(master);
  writeFileSync(join(RESOURCES_DIR, 'icon.ico'), ico);
  writeFileSync(join(RESOURCES_DIR, 'icon.icns'), icns);
  console.log(`icons written to ${RESOURCES_DIR}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
