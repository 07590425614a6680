import type { SettingsRepo } from './settings-repo';

/**
 * The UI's settings (one JSON value, 'ui'). A read waits for the change still being saved, if any: a review
 * saved right after the reviewer's name changed carries the new name even when the cache was busy with a
 * sync and the change had to wait for it. Other reads of the cache never wait behind writes.
 */
export class UiSettings {
  private saving: Promise<unknown> = Promise.resolve();

  constructor(private readonly settings: SettingsRepo) {}

  async get(): Promise<Record<string, unknown>> {
    await this.saving;
    return this.settings.get<Record<string, unknown>>('ui', {});
  }

  /** One key changed, the others kept (read and written as one). */
  set(key: string, value: unknown): Promise<void> {
    const saved = this.settings.update(['ui'], (s) => s.set('ui', { ...s.get<Record<string, unknown>>('ui', {}), [key]: value }));
    // Writes land in order, so the last one asked settles last.
    this.saving = saved.catch(() => undefined);
    return saved;
  }
}
