import { useCallback, useState, type RefObject } from 'react';
import type { WolkvoxApi } from '../../src-main/core/api/contract';
import type { EChartsType } from './echarts';

export type PngSave = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; path: string } | { state: 'error'; message: string };

/** The chart on a white canvas at twice the screen's density, as a PNG data URL. */
function chartPng(chart: EChartsType): string {
  return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
}

/** The browser host: an anchor with `download` hands the picture to the browser's own download. */
function downloadPng(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.png`;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * Save as PNG for one chart. The desktop app's session refuses downloads (the renderer chooses no path),
 * so there the picture goes to the service (insights/save-image), whose main process asks where in the
 * native save dialog; the answer is the path written, shown with "show in folder". A closed dialog
 * (`cancelled`) says nothing. The browser host keeps the browser's own download.
 */
export function usePngSave(api: WolkvoxApi, host: 'electron' | 'browser' | undefined, chart: RefObject<EChartsType | null>, name: string) {
  const [status, setStatus] = useState<PngSave>({ state: 'idle' });
  const save = useCallback(async () => {
    const c = chart.current;
    if (!c) return;
    const file = `insights-${name}`;
    if (host !== 'electron') return downloadPng(chartPng(c), file);
    setStatus({ state: 'saving' });
    const r = await api.call('insights/save-image', { name: file, png: chartPng(c) });
    if (r.ok) setStatus({ state: 'saved', path: r.value.path });
    else setStatus(r.error.kind === 'cancelled' ? { state: 'idle' } : { state: 'error', message: r.error.message });
  }, [api, host, chart, name]);
  return { status, save };
}
