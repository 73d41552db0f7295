// Who signed in last on this laptop, kept apart from the token vault so it outlives a sign-out: the
// sign-in screen of a shared laptop says whose session ended ("Last signed in as ..."). Only the
// subject, name and email, never a token or the groups; read defensively, since it is a plain
// settings file a person could edit.
import { z } from 'zod';
import type { KeyValueStore } from '../settings/key-value-store.js';
import type { SessionUser } from './token-vault.js';

/** Its own key beside the settings (not a setting: nobody edits it, and a settings reset keeps it). */
export const LAST_USER_KEY = 'lastSignedInUser';

export const LastUserSchema = z.strictObject({
  subject: z.string().trim().min(1).max(255),
  name: z.string().max(255).optional(),
  email: z.string().max(320).optional(),
});
export type LastUser = z.infer<typeof LastUserSchema>;

export interface LastUserMemory {
  /** null when nobody has signed in here yet, or the stored value is unreadable. */
  get(): LastUser | null;
  remember(user: SessionUser): void;
  /** Forgets it (a revoked laptop keeps no trace of its rep). */
  forget(): void;
}

export function createLastUserMemory(store: KeyValueStore): LastUserMemory {
  const get = (): LastUser | null => {
    const parsed = LastUserSchema.safeParse(store.get(LAST_USER_KEY));
    return parsed.success ? parsed.data : null;
  };
  return {
    get,
    forget: () => store.delete(LAST_USER_KEY),
    remember(user) {
      // Copied field by field: whatever SessionUser grows later does not land in a plain file.
      const next: LastUser = {
        subject: user.subject,
        ...(user.name === undefined ? {} : { name: user.name }),
        ...(user.email === undefined ? {} : { email: user.email }),
      };
      // Renewals report the same user many times a day: write only on a change.
      if (JSON.stringify(get()) !== JSON.stringify(next)) store.set(LAST_USER_KEY, next);
    },
  };
}
