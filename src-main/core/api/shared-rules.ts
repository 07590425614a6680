/**
 * Rules both ends of the bridge apply: the UI to answer at once, the service because it trusts no caller.
 * Pure functions with no Node or Electron dependency, so the renderer can import them from here.
 */
export { serviceAddressProblem } from '../wolkvox/service-address';
export { ZoneConverter } from '../time/zone';
export { DAY_PRESETS, presetDays, type DayPreset } from '../time/date-presets';
