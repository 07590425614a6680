import { useCallback, useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { Filter, Review, Row, WolkvoxApi } from '../../src-main/core/api/contract';
import type { ReviewedRow } from './grid-review';
import { ReviewPanel } from './ReviewPanel';
import { ScorecardEditor } from './scorecard/ScorecardEditor';
import { ShortcutsOverlay } from './ShortcutsOverlay';
import { useReviewNavigation } from './use-review-keys';
import { useReviewerGate } from './use-reviewer-gate';

interface Options {
  api: WolkvoxApi;
  gridApi: GridApi<Row> | null;
  filter: Filter;
  zone: string;
  openId: number | null;
  open(row: Row): void;
  /** The scorecard editor replaces the Settings dialog when opened from it (one dialog at a time). */
  closeSettings(): void;
}

/**
 * The review screen's parts for the workspace: row navigation, the rail for the open interaction, and the
 * dialogs it opens (shortcuts, scorecard editor, auditor's name), with the state they share.
 */
export function useReviewScreen({ api, gridApi, filter, zone, openId, open, closeSettings }: Options) {
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [scorecardOpen, setScorecardOpen] = useState(false);
  // Bumped when a new scorecard version becomes the active one: the rail reads its review again.
  const [cardVersion, setCardVersion] = useState(0);
  // A request for the focus on the rail's first unanswered attribute, taken once the new row's review shows
  // (the rail may not be mounted yet when the request is made: a ref, not a counter the rail compares).
  const railFocusPending = useRef(false);
  const [railFocus, setRailFocus] = useState(0);
  const reviewer = useReviewerGate();

  const focusRail = useCallback(() => {
    railFocusPending.current = true;
    setRailFocus((n) => n + 1);
  }, []);
  const takeRailFocus = useCallback(() => {
    const pending = railFocusPending.current;
    railFocusPending.current = false;
    return pending;
  }, []);
  const openShortcuts = useCallback(() => setShortcutsOpen(true), []);
  const closeShortcuts = useCallback(() => setShortcutsOpen(false), []);
  const openScorecard = useCallback(() => {
    closeSettings();
    setScorecardOpen(true);
  }, [closeSettings]);
  const closeScorecard = useCallback(() => setScorecardOpen(false), []);
  const scorecardSaved = useCallback(() => setCardVersion((n) => n + 1), []);
  const navigation = useReviewNavigation({ api, gridApi, filter, openId, open, focusRail, onShortcuts: openShortcuts });

  // The saved result and its override mark show in the grid at once, without reloading the row's block.
  const onSaved = useCallback(
    (saved: Review) => {
      const overridden = saved.override !== null;
      gridApi?.forEachNode((node) => {
        const row = node.data as ReviewedRow | undefined;
        if (row && row.uid === saved.uid && (row.reviewStatus !== saved.status || row.reviewOverridden !== overridden)) {
          node.setData({ ...row, reviewStatus: saved.status, reviewOverridden: overridden } as ReviewedRow);
        }
      });
    },
    [gridApi],
  );

  const rail = (uid: string) => (
    <ReviewPanel
      api={api}
      uid={uid}
      zone={zone}
      focusRequest={railFocus}
      takeFocusRequest={takeRailFocus}
      cardVersion={cardVersion}
      onSaved={onSaved}
      beforeSave={reviewer.ensure}
      onNext={() => void navigation.next()}
      onShortcuts={openShortcuts}
      onEditScorecard={openScorecard}
    />
  );

  const dialogs = (
    <>
      {scorecardOpen && <ScorecardEditor api={api} zone={zone} onClose={closeScorecard} onSaved={scorecardSaved} />}
      {shortcutsOpen && <ShortcutsOverlay onClose={closeShortcuts} />}
      {reviewer.dialog}
    </>
  );

  return { navigation, rail, dialogs, openScorecard };
}
