// Per-field messages for admin forms: each message sits under its field with an id the field
// points at (aria-describedby), and a summary at the top lists them all for screen readers.
import type { FieldErrors } from '../admin-product-form.js';

/** A stable element id for the messages of a field path ("surrenderSchedule.2" -> "product-surrenderSchedule-2-error"). */
export function errorId(prefix: string, path: string): string {
  return `${prefix}-${path.replace(/[^A-Za-z0-9_-]/g, '-') || 'form'}-error`;
}

/** Props that tie an input to its messages: aria-invalid and aria-describedby (with an optional hint id). */
export function invalidProps(errors: FieldErrors, prefix: string, path: string, hintId?: string) {
  const invalid = (errors[path]?.length ?? 0) > 0;
  const describedBy = [hintId, invalid ? errorId(prefix, path) : undefined].filter((id) => id !== undefined).join(' ');
  return { 'aria-invalid': invalid, 'aria-describedby': describedBy === '' ? undefined : describedBy } as const;
}

export function FieldMessages({ errors, prefix, path }: { errors: FieldErrors; prefix: string; path: string }) {
  const messages = errors[path] ?? [];
  if (messages.length === 0) return null;
  return (
    <span id={errorId(prefix, path)} className="field-error" data-testid={`error-${path}`}>
      {messages.join('; ')}
    </span>
  );
}

/** "Fix these before saving": every message with its field's label, each a link to the field. */
export function ErrorSummary(props: { errors: FieldErrors; label: (path: string) => string; fieldId: (path: string) => string; title: string }) {
  const { errors, label, fieldId, title } = props;
  const entries = Object.entries(errors).filter(([, messages]) => messages.length > 0);
  if (entries.length === 0) return null;
  return (
    <div className="notice notice-error" role="alert" data-testid="error-summary">
      <p>{title}</p>
      <ul className="error-list">
        {entries.map(([path, messages]) => (
          <li key={path}>
            <a
              href={`#${fieldId(path)}`}
              onClick={(event) => {
                // The app routes on the hash: focus the field instead of navigating.
                event.preventDefault();
                document.getElementById(fieldId(path))?.focus();
              }}
            >
              {label(path)}
            </a>
            : {messages.join('; ')}
          </li>
        ))}
      </ul>
    </div>
  );
}
