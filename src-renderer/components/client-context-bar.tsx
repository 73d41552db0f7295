// The client bar under the masthead: the client the rep is working with (state, owner's age and
// the annuitant's when different), with Change and "New client"; or a prompt to set one. The
// catalog then lists only what may be sold to this client (screens/catalog.tsx).
import { useId, useState } from 'react';
import { STATE_CODES, US_STATES } from '../../src-shared/catalog/us-states.js';
import { ClientContext, clientContextText } from '../../src-shared/client-context.js';
import { errorIssues, errorMessage } from '../api.js';
import { useClientContext } from '../client-context.js';
import { Form } from './form.js';

interface Draft {
  stateCode: string;
  clientAge: string;
  annuitantAge: string;
}

type DraftErrors = Partial<Record<keyof Draft | 'form', string>>;

const whole = (text: string): number | string => (/^\s*\d+\s*$/.test(text) ? Number.parseInt(text, 10) : text);

/** The draft as a context, or each field's reason (the shared schema's words). */
function checkDraft(draft: Draft): { ok: true; value: ClientContext } | { ok: false; errors: DraftErrors } {
  const candidate = {
    stateCode: draft.stateCode,
    clientAge: whole(draft.clientAge),
    ...(draft.annuitantAge.trim() === '' ? {} : { annuitantAge: whole(draft.annuitantAge) }),
  };
  const parsed = ClientContext.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: DraftErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'stateCode' || field === 'clientAge' || field === 'annuitantAge') errors[field] ??= field === 'stateCode' ? 'Choose the state the client lives in' : issue.message.replace(/^must/, 'Must');
  }
  return { ok: false, errors };
}

export function ClientContextBar() {
  const { context, set } = useClientContext();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<DraftErrors>({});
  const id = useId();
  if (context === undefined) return null;

  const edit = () => {
    setErrors({});
    setDraft({ stateCode: context?.stateCode ?? '', clientAge: context === null ? '' : String(context.clientAge), annuitantAge: context?.annuitantAge === undefined ? '' : String(context.annuitantAge) });
  };
  const save = async (value: ClientContext | null) => {
    try {
      await set(value);
      setDraft(null);
    } catch (error) {
      const fromMain: DraftErrors = {};
      for (const issue of errorIssues(error)) {
        const field = /(stateCode|clientAge|annuitantAge)/.exec(issue.path)?.[1] as keyof Draft | undefined;
        fromMain[field ?? 'form'] = issue.message;
      }
      setErrors(Object.keys(fromMain).length > 0 ? fromMain : { form: errorMessage(error) });
    }
  };
  const submit = () => {
    if (draft === null) return;
    const checked = checkDraft(draft);
    if (!checked.ok) return setErrors(checked.errors);
    void save(checked.value);
  };
  const field = (name: keyof Draft) => ({
    'aria-invalid': errors[name] !== undefined,
    'aria-describedby': errors[name] === undefined ? undefined : `${id}-${name}-error`,
  });
  const message = (name: keyof Draft) =>
    errors[name] === undefined ? null : (
      <span className="field-error" id={`${id}-${name}-error`}>
        {errors[name]}
      </span>
    );

  return (
    <section className="client-bar" aria-label="Client" data-testid="client-bar">
      {draft === null ? (
        <>
          <span data-testid="client-context">{context === null ? 'No client set: the catalog lists every state and age.' : `Client: ${clientContextText(context)}`}</span>
          <button type="button" className="button-small" onClick={edit} data-testid="client-change">
            {context === null ? 'Set client state and age' : 'Change'}
          </button>
          {context === null ? null : (
            <button type="button" className="button-small" onClick={() => void save(null)} data-testid="client-clear">
              New client
            </button>
          )}
        </>
      ) : (
        <Form className="filters" aria-label="Client state and ages" onSubmit={submit}>
          <label className="field">
            <span>Client’s state</span>
            <select value={draft.stateCode} onChange={(event) => setDraft({ ...draft, stateCode: event.target.value })} {...field('stateCode')} data-testid="client-state">
              <option value="">Choose…</option>
              {STATE_CODES.map((code) => (
                <option key={code} value={code}>
                  {US_STATES[code]}
                </option>
              ))}
            </select>
            {message('stateCode')}
          </label>
          <label className="field field-narrow">
            <span>Client’s age (owner)</span>
            <input type="number" min={0} max={120} value={draft.clientAge} onChange={(event) => setDraft({ ...draft, clientAge: event.target.value })} {...field('clientAge')} data-testid="client-age" />
            {message('clientAge')}
          </label>
          <label className="field field-narrow">
            <span>Annuitant’s age, if another person</span>
            <input type="number" min={0} max={120} value={draft.annuitantAge} onChange={(event) => setDraft({ ...draft, annuitantAge: event.target.value })} {...field('annuitantAge')} data-testid="annuitant-age" />
            {message('annuitantAge')}
          </label>
          <button type="submit" className="button-primary" data-testid="client-save">
            Use for this client
          </button>
          <button type="button" onClick={() => setDraft(null)}>
            Cancel
          </button>
          {errors.form === undefined ? null : (
            <span className="field-error" role="alert">
              {errors.form}
            </span>
          )}
        </Form>
      )}
    </section>
  );
}
