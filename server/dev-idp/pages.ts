// The few HTML pages of the development identity provider. Self-contained (no fonts, scripts or
// styles from elsewhere) so sign-in works on an offline laptop.

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;padding:48px 16px;color:#1d2430}
main{max-width:360px;margin:0 auto;background:#fff;border-radius:8px;padding:24px 28px;box-shadow:0 1px 3px rgba(0,0,0,.2)}
h1{font-size:1.3rem;margin:0 0 4px}p.note{color:#5a6372;font-size:.85rem;margin:0 0 16px}
label{display:block;font-weight:600;margin:14px 0 4px}input{box-sizing:border-box;width:100%;padding:8px;font-size:1rem;border:1px solid #aab1bd;border-radius:4px}
button{margin-top:20px;width:100%;padding:10px;font-size:1rem;border:0;border-radius:4px;background:#1f5eff;color:#fff;cursor:pointer}
.error{background:#fdecec;color:#8a1c1c;border:1px solid #f1b4b4;border-radius:4px;padding:8px 10px;margin:12px 0 0}
pre{white-space:pre-wrap;word-break:break-word}`;

/** The characters HTML escapes here, '&' first: escaping runs the list forwards, reading it back in reverse. */
export const HTML_ENTITIES: ReadonlyArray<readonly [string, string]> = [
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['"', '&quot;'],
  ["'", '&#39;'],
];

export function escapeHtml(value: string): string {
  return HTML_ENTITIES.reduce((text, [plain, entity]) => text.replaceAll(plain, entity), value);
}

function page(title: string, body: string, extraHead = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>${extraHead}
</head>
<body><main>${body}</main></body>
</html>`;
}

export interface SignInPageOptions {
  action: string;
  clientName: string;
  login?: string | undefined;
  error?: string | undefined;
}

export function signInPage({ action, clientName, login = '', error }: SignInPageOptions): string {
  const errorBlock = error ? `<p class="error" role="alert" id="sign-in-error">${escapeHtml(error)}</p>` : '';
  return page(
    'Sign in - RateDesk (development)',
    `<h1>Sign in to RateDesk</h1>
<p class="note">Development identity provider for ${escapeHtml(clientName)}. Not for production use.</p>
${errorBlock}
<form method="post" action="${escapeHtml(action)}" autocomplete="off">
<label for="username">Email</label>
<input id="username" name="username" type="email" required autofocus value="${escapeHtml(login)}"${error ? ' aria-describedby="sign-in-error"' : ''}>
<label for="password">Password</label>
<input id="password" name="password" type="password" required>
<button type="submit">Sign in</button>
</form>`,
  );
}

export function errorPage(title: string, details: Record<string, string>): string {
  const lines = Object.entries(details)
    .map(([key, value]) => `<pre><strong>${escapeHtml(key)}</strong>: ${escapeHtml(value)}</pre>`)
    .join('\n');
  return page(title, `<h1>${escapeHtml(title)}</h1>\n${lines}`);
}

/**
 * Okta signs out without asking, so the confirmation form oidc-provider hands us submits itself;
 * the button is there for browsers with scripts turned off.
 */
export function logoutPage(form: string): string {
  const withConsent = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
  return page(
    'Signing out - RateDesk (development)',
    `<h1>Signing out</h1>
${withConsent}
<button type="submit" form="op.logoutForm">Sign out</button>
<script>document.getElementById('op.logoutForm').submit()</script>`,
  );
}

export function signedOutPage(): string {
  return page('Signed out - RateDesk (development)', '<h1>Signed out</h1><p>You can close this window.</p>');
}
