import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ColumnState, GridApi } from 'ag-grid-community';
import type { Profile } from '../../src-main/core/api/contract';
import { ConversationPanel } from '../conversation/ConversationPanel';
import { searchTerms } from '../format/text';
import { ColumnChooser } from '../grid/ColumnChooser';
import { useFocusResults } from '../grid/focus-results';
import { InteractionGrid } from '../grid/InteractionGrid';
import type { Row } from '../grid/types';
import { useI18n, type Lang } from '../i18n';
import { ExportButton } from '../review/ExportPanel';
import { ReviewProgress } from '../review/ReviewProgress';
import { ReviewStatusFacet } from '../review/ReviewStatusFacet';
import { SamplesDialog } from '../review/SamplesDialog';
import { AssignmentStrip } from '../review/assignments/AssignmentStrip';
import { CalibrationDialog } from '../review/assignments/CalibrationDialog';
import { useReviewCounts } from '../review/use-review-counts';
import { useOpenSample } from '../review/use-open-sample';
import { useReviewScreen } from '../review/use-review-screen';
import { SettingsDialog } from '../settings/SettingsDialog';
import { useApp } from '../state/app-context';
import { toFilter, useFilterState } from '../state/filter';
import { sortOf } from '../state/filter-chips';
import { useDataVersion } from '../state/use-events';
import { useSync } from '../state/use-sync';
import { SyncPanel } from '../sync/SyncPanel';
import { TeamSyncPanel } from '../sync/TeamSyncPanel';
import { onTeamCache, useTeam } from '../state/team-context';
import { TeamNotice } from './TeamNotice';
import { FacetPanel } from './FacetPanel';
import { FilterChips } from './FilterChips';
import { Header } from './Header';
import { LinkConfirm } from './LinkConfirm';
import { OfflineNotice } from './OfflineNotice';
import { InsightsView } from '../insights/InsightsView';
import { OfflineCopyDialog } from '../offline/OfflineCopyDialog';
import { TakeRowsButton, type TakeNotice } from '../offline/TakeRowsButton';
import { useOffline } from '../state/offline-context';
import { useInsightsMode } from '../insights/use-insights-mode';
import { SlotChip } from '../insights/SlotChip';
import { ClosedChip } from '../insights/ClosedChip';

const COLUMNS_KEY = 'ui.gridColumns';
/** Dates of a cache opened with no profile are shown in the API's documented default zone. */
const DEFAULT_ZONE = 'America/Bogota';

/**
 * The main screen: facets, grid, conversation, and the sync and settings panels. `active` is null when a
 * cache with data is opened with no profile: everything works offline; syncing asks for a profile first.
 */
export function Workspace({ active, onLang, openSync = false }: { active: Profile | null; onLang(lang: Lang): void; openSync?: boolean }) {
  const { t } = useI18n();
  const { api, profiles, settings, saveSetting, reloadProfiles } = useApp();
  const filters = useFilterState();
  const insights = useInsightsMode(filters);
  useOpenSample(api, filters, settings, saveSetting);
  // A saved review is patched into its grid row in place; the grid and the facets reload only when the
  // view depends on review states (keeps the reviewer's position and spares a reload per click).
  // Reviews sent from this computer (or a settled conflict) change review marks and counts as well.
  const offlineChanges = useOffline().reviewsChanged;
  const dataVersion = useDataVersion(api, 1500, (reason) => reason !== 'review' || filters.state.reviewStatuses.length > 0) + offlineChanges;
  // Review counts change with every saved review as well: refreshed on any change, a little throttled.
  const reviewVersion = useDataVersion(api, 150) + offlineChanges;
  const sync = useSync(api);
  // On a team cache the sync host syncs: the sync area shows its runs and the calls spent today.
  const teamCache = onTeamCache(useTeam().status);
  const [openId, setOpenId] = useState<number | null>(null);
  const [openUid, setOpenUid] = useState<string | null>(null);
  const [sampleOpen, setSampleOpen] = useState(false);
  const [calibrationOpen, setCalibrationOpen] = useState(false);
  const [calibrationId, setCalibrationId] = useState<number | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [gridError, setGridError] = useState<string | null>(null);
  const [gridApi, setGridApi] = useState<GridApi<Row> | null>(null);
  const [syncOpen, setSyncOpen] = useState(openSync);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const [offlineOpen, setOfflineOpen] = useState(false);
  const [takeNotice, setTakeNotice] = useState<TakeNotice | null>(null);

  const zone = active?.zone ?? DEFAULT_ZONE;
  const { state } = filters;
  // Date presets are relative to now; recomputed whenever the filter changes or new data arrives.
  const filter = useMemo(() => toFilter(state, zone, Date.now()), [state, zone]);
  const terms = useMemo(() => searchTerms(state.text), [state.text]);
  const reviewCounts = useReviewCounts(api, state, zone, reviewVersion);
  // What a take did concerns the view it was taken from.
  useEffect(() => setTakeNotice(null), [filter]);
  const savedColumns = useMemo(() => (Array.isArray(settings[COLUMNS_KEY]) ? (settings[COLUMNS_KEY] as ColumnState[]) : null), [settings]);
  const sort = useMemo(() => sortOf(savedColumns), [savedColumns]);

  const saveColumns = useCallback((columns: ColumnState[]) => saveSetting(COLUMNS_KEY, columns), [saveSetting]);
  // One side panel at a time: opening the conversation closes the sync panel, and the other way round.
  const open = useCallback((row: Row) => {
    setOpenId(row.id);
    setOpenUid(row.uid);
    setSyncOpen(false);
  }, []);
  const showSync = useCallback(() => {
    setOpenId(null);
    setSyncOpen(true);
  }, []);
  const toggleSync = useCallback(() => (syncOpen ? setSyncOpen(false) : showSync()), [syncOpen, showSync]);
  const focusResults = useFocusResults(gridApi, state.text, total);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);
  const reviewScreen = useReviewScreen({ api, gridApi, filter, zone, openId, open, closeSettings });
  const review = reviewScreen.navigation;

  // Esc: clear the search first, then close the conversation (dialogs and the search box handle their own).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (state.text) filters.setText('');
      else if (openId !== null) setOpenId(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state.text, openId, filters]);

  const lastRun = sync.state?.lastRun ?? null;
  const unreachable = !teamCache && !sync.progress && lastRun?.status === 'failed' && lastRun.error?.kind === 'network';

  return (
    <div className="app">
      <Header
        profiles={profiles}
        active={active}
        teamCache={teamCache}
        search={state.text}
        progress={sync.progress}
        onSearch={filters.setText}
        onSearchResults={focusResults}
        onProfile={(id) => void api.call('profiles/activate', { profileId: id }).then(reloadProfiles)}
        onSync={() => (active || teamCache ? toggleSync() : setSettingsOpen(true))}
        onSettings={() => setSettingsOpen(true)}
        onLang={onLang}
      />
      <OfflineNotice syncUnreachable={unreachable} />
      <TeamNotice onOfflineCopy={() => setOfflineOpen(true)} />
      <div className={openId !== null ? 'workspace with-conversation' : 'workspace'}>
        <FacetPanel api={api} filters={filters} zone={zone} dataVersion={dataVersion}>
          <ReviewStatusFacet filters={filters} counts={reviewCounts.facet} />
        </FacetPanel>
        <main className={insights.open ? 'results insights-mode' : 'results'}>
          {/* Two rows: the count and the actions (the actions right-aligned, so the count's length never moves
              them), then what the view is narrowed by (progress, sample, chips, notices). */}
          <div className="results-bar">
            <span className="row-count" data-testid="row-count" data-total={total ?? ''} aria-live="polite">
              {total === null ? t('grid.counting') : state.text.trim() ? t('grid.matches', { n: total }) : t('grid.count', { n: total })}
            </span>
            <div className="results-actions">
              <button type="button" data-testid="previous-row" onClick={() => void review.previous()} title="p">
                {t('review.previous')}
              </button>
              <button type="button" data-testid="next-unreviewed" onClick={() => void review.next()} title="n">
                {t('review.next')}
              </button>
              <button type="button" data-testid="sample-button" title={t('sample.buttonTitle')} onClick={() => setSampleOpen(true)}>
                {t('sample.button')}
              </button>
              <button type="button" data-testid="calibration-button" title={t('calib.buttonTitle')} onClick={() => setCalibrationOpen(true)}>
                {t('calib.button')}
              </button>
              <ExportButton api={api} filter={filter} gridApi={gridApi} viewTotal={total} />
              <TakeRowsButton filter={filter} total={total} onNotice={setTakeNotice} />
              <ColumnChooser gridApi={gridApi} />
              {insights.canGoBack && (
                <button type="button" data-testid="insights-back" title={t('insights.backTitle')} onClick={insights.back}>
                  {t('insights.back')}
                </button>
              )}
              <button type="button" data-testid="insights-open" aria-pressed={insights.open} title={t('insights.openTitle')} onClick={insights.toggle}>
                {insights.open ? t('insights.toGrid') : t('insights.open')}
              </button>
            </div>
          </div>
          <div className="results-state">
            <ReviewProgress progress={reviewCounts.view} />
            {state.sample && (
              <span className="chip sample-chip" data-testid="sample-chip" data-sample-id={state.sample.id}>
                {t('sample.chip', { name: state.sample.name })}
                <button type="button" className="icon-button" aria-label={t('sample.clear')} title={t('sample.clear')} onClick={() => filters.setSample(null)}>
                  ×
                </button>
              </span>
            )}
            {state.sample && <AssignmentStrip api={api} sample={state.sample} dataVersion={reviewVersion} />}
            {state.slot && <SlotChip slot={state.slot} onClear={() => filters.setSlot(null)} />}
            <FilterChips filters={filters} sort={sort} gridApi={gridApi} />
            {/* A profile that never synced, on an empty cache: the next step is a sync, so say so. */}
            {active && !teamCache && total === 0 && sync.state !== null && sync.state.lastRun === null && !sync.progress && (
              <span className="notice small" data-testid="never-synced">
                {t('grid.neverSynced')}{' '}
                <button type="button" className="link-button" data-testid="never-synced-sync" onClick={showSync}>
                  {t('grid.syncNow')}
                </button>
              </span>
            )}
            {state.closed !== null && <ClosedChip closed={state.closed} onClear={() => filters.setClosed(null)} />}
            {gridError && <span className="notice error small">{gridError}</span>}
            {takeNotice && (
              <span className={`notice ${takeNotice.tone} small`} role={takeNotice.tone === 'error' ? 'alert' : 'status'} data-testid="offline-take-notice">
                {takeNotice.text}
              </span>
            )}
            {review.notice && (
              <span className="muted small" role="status" data-testid="review-notice">
                {t(review.notice === 'allReviewed' ? 'review.allReviewed' : review.notice === 'assignmentDone' ? 'assign.allDone' : 'review.first')}
              </span>
            )}
            <span className="muted small keys-hint">{t('grid.keys')}</span>
          </div>
          {insights.open && <InsightsView api={api} filter={filter} zone={zone} dataVersion={dataVersion} onDrill={insights.drill} />}
          <InteractionGrid
            api={api}
            filter={filter}
            terms={terms}
            zone={zone}
            dataVersion={dataVersion}
            openId={openId}
            savedColumns={savedColumns}
            onColumnsChanged={saveColumns}
            onTotal={setTotal}
            onError={setGridError}
            onOpen={open}
            onGridApi={setGridApi}
          />
        </main>
        {openId !== null && (
          <ConversationPanel api={api} id={openId} terms={terms} zone={zone} dataVersion={dataVersion} onClose={() => setOpenId(null)} onLink={setLink}>
            {openUid && reviewScreen.rail(openUid)}
          </ConversationPanel>
        )}
        {syncOpen && teamCache && <TeamSyncPanel sync={sync} zone={zone} onClose={() => setSyncOpen(false)} />}
        {syncOpen && !teamCache && active && <SyncPanel api={api} profile={active} sync={sync} onOpenSettings={() => setSettingsOpen(true)} onClose={() => setSyncOpen(false)} />}
      </div>
      {sampleOpen && (
        <SamplesDialog
          api={api}
          filter={filter}
          zone={zone}
          openSampleId={state.sample?.id ?? null}
          onClose={() => setSampleOpen(false)}
          onOpen={(sample) => {
            setSampleOpen(false);
            filters.openSample({ id: sample.id, name: sample.name });
          }}
          onDrawn={(sample) => {
            setSampleOpen(false);
            filters.setSample({ id: sample.id, name: sample.name });
          }}
          onRenamed={(sample) => {
            if (state.sample?.id === sample.id) filters.setSample({ id: sample.id, name: sample.name });
          }}
          onDeleted={(id) => {
            if (state.sample?.id === id) filters.setSample(null);
          }}
        />
      )}
      {calibrationOpen && (
        <CalibrationDialog
          api={api}
          current={calibrationId}
          onCurrent={setCalibrationId}
          onRead={(id, uid) => {
            setCalibrationOpen(false);
            setOpenId(id);
            setOpenUid(uid);
            setSyncOpen(false);
          }}
          onClose={() => setCalibrationOpen(false)}
        />
      )}
      {settingsOpen && <SettingsDialog onClose={closeSettings} onLang={onLang} onScorecard={reviewScreen.openScorecard} />}
      {reviewScreen.dialogs}
      {offlineOpen && <OfflineCopyDialog onClose={() => setOfflineOpen(false)} />}
      {link && <LinkConfirm url={link} onClose={() => setLink(null)} />}
    </div>
  );
}
