import type { FormHTMLAttributes, ReactNode } from 'react';

/** A form that never navigates (the app routes on the hash): submitting, Enter included, runs `onSubmit`. */
export function Form(props: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & { onSubmit?: () => void; children: ReactNode }) {
  const { onSubmit, children, ...attributes } = props;
  return (
    <form
      {...attributes}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit?.();
      }}
    >
      {children}
    </form>
  );
}
