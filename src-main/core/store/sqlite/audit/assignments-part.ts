/**
 * Assignments and calibration on the SQLite cache, as the Store port names them: each a read or a write of
 * the serving connection (the store's own `read` and `write`, which retry around the sync and announce
 * the change), over assignments-sql.ts and calibration-sql.ts.
 */
import type { ChangeKind, Store } from '../../store';
import type { Db } from '../connection/database';
import { assignedMembers, assignSample, knownAuditors, sampleAssignment } from './assignments-sql';
import { calibrationAgreement, calibrationMembers, calibrationScores, createCalibration, deleteCalibration, listCalibrations, saveCalibrationScore } from './calibration-sql';

export type AssignmentsPart = Pick<
  Store,
  | 'currentUser' | 'knownAuditors' | 'assignSample' | 'sampleAssignment' | 'assignedMembers'
  | 'createCalibration' | 'listCalibrations' | 'calibrationMembers' | 'saveCalibrationScore' | 'calibrationScores' | 'calibrationAgreement' | 'deleteCalibration'
>;

export interface ServingConnection {
  read<T>(work: () => T): Promise<T>;
  write<T>(kinds: readonly ChangeKind[], work: () => T): Promise<T>;
}

export function sqliteAssignments(db: Db, { read, write }: ServingConnection): AssignmentsPart {
  return {
    // A lone cache has no login, so the caller names the auditor.
    currentUser: async () => null,
    knownAuditors: () => read(() => knownAuditors(db)),
    assignSample: (sampleId, auditors, now) => write(['assignments'], () => assignSample(db, sampleId, auditors, now)),
    sampleAssignment: (sampleId) => read(() => sampleAssignment(db, sampleId)),
    assignedMembers: (sampleId, auditor) => read(() => assignedMembers(db, sampleId, auditor)),
    createCalibration: (input, now) => write(['assignments', 'scorecards'], () => createCalibration(db, input, now)),
    listCalibrations: () => read(() => listCalibrations(db)),
    calibrationMembers: (id) => read(() => calibrationMembers(db, id)),
    saveCalibrationScore: (input, now) => write(['assignments'], () => saveCalibrationScore(db, input, now)),
    calibrationScores: (id) => read(() => calibrationScores(db, id)),
    calibrationAgreement: (id) => read(() => calibrationAgreement(db, id)),
    deleteCalibration: (id) => write(['assignments'], () => deleteCalibration(db, id)),
  };
}
