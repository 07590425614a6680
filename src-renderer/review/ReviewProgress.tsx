import { useEffect, useRef, useState } from 'react';
import type { Filter, ResultOf, WolkvoxApi } from '../../src-preload/contract';
import { useI18n } from '../i18n';
import { useEvent } from '../state/use-events';

type Progress = ResultOf<'reviews/progress'>;

/** "38 of 120 reviewed" for the current filter (or sample), refreshed whenever a review or the data changes. */
export function ReviewProgress({ api, filter }: { api: WolkvoxApi; filter: Filter }) {
  const { t } = useI18n();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [tick, setTick] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEvent(api, 'data/changed', () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setTick((n) => n + 1), 150);
  });
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  useEffect(() => {
    let live = true;
    void api.call('reviews/progress', { filter }).then((r) => {
      if (live && r.ok) setProgress(r.value);
    });
    return () => {
      live = false;
    };
  }, [api, filter, tick]);

  const percent = progress && progress.total > 0 ? Math.round((100 * progress.reviewed) / progress.total) : 0;
  return (
    <span
      className="review-progress"
      data-testid="review-progress"
      data-reviewed={progress?.reviewed ?? ''}
      data-total={progress?.total ?? ''}
      aria-live="polite"
      title={progress ? t('review.progressDetail', { pass: progress.pass, fail: progress.fail, inReview: progress.inReview }) : undefined}
    >
      {progress ? t('review.progress', { reviewed: progress.reviewed, total: progress.total }) : t('grid.counting')}
      {progress && progress.total > 0 && (
        <span className="review-meter" aria-hidden="true">
          <span style={{ width: `${percent}%` }} />
        </span>
      )}
    </span>
  );
}
