/**
 * The assignments part of the PostgreSQL store: samples split among auditors (assignments.ts) and
 * calibrations with their scores (calibration.ts). Behaviour as the SQLite store's; the decisions are
 * core/reviews'. A team cache signs work with the login, so it names the current user itself.
 */
import type { PgContext } from '../pg-context';
import type { PgAssignments } from '../parts';
import { assignedMembers, assignSample, knownAuditors, sampleAssignment } from './assignments';
import { calibrationAgreement } from './calibration-agreement';
import { calibrationMembers, calibrationScores, createCalibration, deleteCalibration, listCalibrations, saveCalibrationScore } from './calibration';

export function pgAssignments(ctx: PgContext): PgAssignments {
  return {
    async currentUser() {
      const [row] = await ctx.query<{ name: string }>('SELECT session_user AS name');
      return row!.name;
    },
    knownAuditors: () => knownAuditors(ctx),
    assignSample: (sampleId, auditors, now) => assignSample(ctx, sampleId, auditors, now),
    sampleAssignment: (sampleId) => sampleAssignment(ctx, sampleId),
    assignedMembers: (sampleId, auditor) => assignedMembers(ctx, sampleId, auditor),
    createCalibration: (input, now) => createCalibration(ctx, input, now),
    listCalibrations: () => listCalibrations(ctx),
    calibrationMembers: (id) => calibrationMembers(ctx, id),
    saveCalibrationScore: (input, now) => saveCalibrationScore(ctx, input, now),
    calibrationScores: (id) => calibrationScores(ctx, id),
    calibrationAgreement: (id) => calibrationAgreement(ctx, id),
    deleteCalibration: (id) => deleteCalibration(ctx, id),
  };
}
