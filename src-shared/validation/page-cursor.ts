// The cursor of a paged search (the audit log, the compliance search) as the desktop and the wire
// see it: opaque text. Only the server can tell whether it decodes to a position
// (server/http/keyset-cursor.ts).
import { z } from 'zod';

export const PageCursorText = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'is not a cursor from a previous page (use nextCursor as given)');
