/**
 * Assignments and calibration for the UI (issue 19, point 5), over the Store port only. Who is asking:
 * the team cache's login when the cache names one, else the reviewer's name from Settings (the OS user
 * name until one is set), the same name reviews are signed with.
 */
import type { AssignmentView, Handlers } from '../api/contract';
import type { SampleAssignment } from '../reviews/assignments';
import { nextAssigned } from '../reviews/assignments';
import { AppError } from '../errors';
import type { Store } from '../store/store';
import { osUser, reviewerName } from './review-handlers';
import type { UiSettings } from './ui-settings';

type AssignmentHandlers = Pick<
  Handlers,
  | 'assignments/auditors' | 'assignments/assign' | 'assignments/get' | 'assignments/next'
  | 'calibrations/create' | 'calibrations/list' | 'calibrations/get' | 'calibrations/score' | 'calibrations/delete'
>;

export interface AssignmentHandlerDeps {
  store: Store;
  ui: Pick<UiSettings, 'get'>;
  now: () => number;
  changed: (reason: 'review' | 'sample') => void;
}

export function assignmentHandlers(d: AssignmentHandlerDeps): AssignmentHandlers {
  const me = async () => (await d.store.currentUser()) ?? (await reviewerName(d.ui)) ?? osUser();
  const view = async (a: SampleAssignment): Promise<AssignmentView> => {
    const name = await me();
    return { ...a, mine: a.auditors.find((line) => line.auditor === name) ?? null };
  };
  const calibration = async (id: number) => {
    const found = (await d.store.listCalibrations()).find((c) => c.id === id);
    if (!found) throw new AppError('bad-input', `There is no calibration ${id}: it may have been deleted.`);
    return found;
  };
  return {
    'assignments/auditors': async () => {
      const [name, known] = await Promise.all([me(), d.store.knownAuditors()]);
      return { me: name, known };
    },
    'assignments/assign': async ({ sampleId, auditors }) => {
      const split = await d.store.assignSample(sampleId, auditors, d.now());
      d.changed('sample');
      return view(split);
    },
    'assignments/get': async ({ sampleId }) => view(await d.store.sampleAssignment(sampleId)),
    'assignments/next': async ({ sampleId, afterUid }) => {
      const part = await d.store.assignedMembers(sampleId, await me());
      if (part.length === 0) return { assigned: false, next: null };
      const next = nextAssigned(part, afterUid);
      return { assigned: true, next: next && next.id !== null ? { id: next.id, uid: next.uid } : null };
    },
    'calibrations/create': async (input) => {
      const made = await d.store.createCalibration(input, d.now());
      d.changed('sample');
      return made;
    },
    'calibrations/list': async () => d.store.listCalibrations(),
    'calibrations/get': async ({ id }) => {
      const info = await calibration(id);
      const [members, scores, agreement, card, name] = await Promise.all([
        d.store.calibrationMembers(id),
        d.store.calibrationScores(id),
        d.store.calibrationAgreement(id),
        d.store.scorecardVersion(info.scorecardId, info.scorecardVersion),
        me(),
      ]);
      if (!card) throw new AppError('storage', `The scorecard "${info.scorecardId}" version ${info.scorecardVersion} is missing from the cache.`);
      return {
        calibration: info,
        scorecard: { ...card, attributes: [...card.attributes] },
        members,
        scores: scores.map(({ calibrationId: _, ...s }) => ({ ...s, scores: { ...s.scores } })),
        agreement,
        me: name,
        takesPart: info.auditors.includes(name),
      };
    },
    'calibrations/score': async ({ calibrationId, uid, scores }) => {
      const { calibrationId: _, ...saved } = await d.store.saveCalibrationScore({ calibrationId, uid, auditor: await me(), scores }, d.now());
      d.changed('sample');
      return { ...saved, scores: { ...saved.scores } };
    },
    'calibrations/delete': async ({ id }) => {
      await d.store.deleteCalibration(id);
      d.changed('sample');
      return {};
    },
  };
}
