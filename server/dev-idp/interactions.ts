// The sign-in step of the authorization code flow: oidc-provider sends the browser here when it
// needs a user (login prompt) or a grant (consent prompt). Consent is given automatically because
// every client of this provider is RateDesk's own, as Okta does for first-party apps.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { authenticate, type DemoUser } from './demo-directory.js';
import { errorPage, signInPage } from './pages.js';

const MAX_FORM_BYTES = 8 * 1024;

export interface InteractionRoutes {
  /** Handles the request when it is an interaction route; returns false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
}

export function interactionPath(mountPath: string, uid: string): string {
  return `${mountPath}/interaction/${uid}`;
}

export function createInteractionRoutes(provider: Provider, mountPath: string, users: readonly DemoUser[]): InteractionRoutes {
  const pattern = new RegExp(`^${escapeRegExp(mountPath)}/interaction/([A-Za-z0-9_-]+)(/login)?$`);

  async function show(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const interaction = await provider.interactionDetails(req, res);
    if (interaction.uid !== uid) return sendHtml(res, 400, errorPage('Sign-in expired', { error: 'this sign-in page belongs to another request; start again from the app' }));
    const clientName = await clientDisplayName(provider, String(interaction.params.client_id));

    if (interaction.prompt.name === 'login') {
      return sendHtml(res, 200, signInPage({ action: `${interactionPath(mountPath, uid)}/login`, clientName }));
    }
    if (interaction.prompt.name === 'consent') {
      const accountId = interaction.session?.accountId;
      if (!accountId) return sendHtml(res, 400, errorPage('Sign-in expired', { error: 'no signed-in user; start again from the app' }));
      const grant = interaction.grantId
        ? ((await provider.Grant.find(interaction.grantId)) ?? new provider.Grant({ accountId, clientId: String(interaction.params.client_id) }))
        : new provider.Grant({ accountId, clientId: String(interaction.params.client_id) });
      const details = interaction.prompt.details;
      if (Array.isArray(details.missingOIDCScope)) grant.addOIDCScope(details.missingOIDCScope.join(' '));
      if (Array.isArray(details.missingOIDCClaims)) grant.addOIDCClaims(details.missingOIDCClaims.map(String));
      if (details.missingResourceScopes && typeof details.missingResourceScopes === 'object') {
        for (const [indicator, scopes] of Object.entries(details.missingResourceScopes)) {
          if (Array.isArray(scopes)) grant.addResourceScope(indicator, scopes.join(' '));
        }
      }
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }
    sendHtml(res, 400, errorPage('Unsupported sign-in step', { prompt: interaction.prompt.name }));
  }

  async function login(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const interaction = await provider.interactionDetails(req, res);
    if (interaction.uid !== uid || interaction.prompt.name !== 'login') {
      return sendHtml(res, 400, errorPage('Sign-in expired', { error: 'this sign-in form is no longer valid; start again from the app' }));
    }
    const form = await readForm(req);
    const login = form.get('username') ?? '';
    const user = authenticate(users, login, form.get('password') ?? '');
    if (!user) {
      const clientName = await clientDisplayName(provider, String(interaction.params.client_id));
      return sendHtml(
        res,
        401,
        signInPage({ action: `${interactionPath(mountPath, uid)}/login`, clientName, login, error: 'Wrong email or password.' }),
      );
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.subject, amr: ['pwd'] } }, { mergeWithLastSubmission: false });
  }

  return {
    async handle(req, res, path) {
      const match = pattern.exec(path);
      if (!match) return false;
      const uid = match[1] ?? '';
      const isLogin = match[2] !== undefined;
      res.setHeader('cache-control', 'no-store');
      if (!isLogin && req.method === 'GET') await show(req, res, uid);
      else if (isLogin && req.method === 'POST') await login(req, res, uid);
      else {
        res.setHeader('allow', isLogin ? 'POST' : 'GET');
        sendHtml(res, 405, errorPage('Method not allowed', { method: req.method ?? '' }));
      }
      return true;
    },
  };
}

async function clientDisplayName(provider: Provider, clientId: string): Promise<string> {
  const client = await provider.Client.find(clientId);
  return client?.clientName ?? clientId;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new HttpError(415, 'the sign-in form must be posted as application/x-www-form-urlencoded');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_FORM_BYTES) throw new HttpError(413, 'the sign-in form is too large');
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(html));
  res.end(html);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
