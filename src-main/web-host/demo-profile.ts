import type { Profile } from '../core/api/contract';
import type { AppService } from '../core/service/types';

export const DEMO_PROFILE = { name: 'Demo operation (simulated)', server: 'demo', zone: 'America/Bogota' } as const;

/**
 * The demo's profile, pointed at the local simulator and made active; reused when it exists. Used by
 * `npm run demo` in both hosts (the Electron main process reads WOLKVOX_DEMO_BASE_URL). The demo's token
 * comes from WOLKVOX_TOKEN, so the real keychain is never touched.
 */
export async function ensureDemoProfile(service: AppService, baseUrl: string): Promise<Profile> {
  const { profiles } = await service.handlers['profiles/list']({});
  const existing = profiles.find((p) => p.server === DEMO_PROFILE.server && p.baseUrl === baseUrl);
  const profile = existing ?? (await service.handlers['profiles/save']({ ...DEMO_PROFILE, baseUrl }));
  await service.handlers['profiles/activate']({ profileId: profile.id });
  return profile;
}
