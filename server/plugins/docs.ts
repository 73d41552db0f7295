// The OpenAPI document (/openapi.json) and browsable docs (/docs), generated from the same zod
// schemas that validate requests, so the documentation cannot drift from what the server accepts.
import swagger, { type SwaggerTransform } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const DOCS_PREFIX = '/docs';
export const OPENAPI_PATH = '/openapi.json';

export interface DocsOptions {
  issuer: string;
  audience: string;
  version: string;
}

const zodTransform = createJsonSchemaTransform({ skipList: [] });

interface ContentBody {
  content: Record<string, { schema: z.ZodType }>;
}

function hasContentBody(body: unknown): body is ContentBody {
  return typeof body === 'object' && body !== null && 'content' in body && !(body instanceof z.ZodType);
}

/**
 * fastify-type-provider-zod converts one zod schema per request part; a route that accepts several
 * media types (the rate sheet: CSV or JSON) declares `body.content`, converted here one type at a time.
 * Public routes are marked as needing no token.
 */
const transform: SwaggerTransform<FastifySchema> = (input) => {
  const schema = input.schema as (FastifySchema & { security?: unknown }) | undefined;
  const isPublic = input.route.config?.public === true;
  if (!schema) return { schema: isPublic ? { security: [] } : {}, url: input.url };
  const { body, ...rest } = schema;
  const contentBody = hasContentBody(body) ? body : undefined;
  const converted = zodTransform({ ...input, schema: contentBody ? rest : schema });
  const result = converted.schema as Record<string, unknown>;
  if (contentBody) {
    const content: Record<string, { schema: unknown }> = {};
    for (const [mediaType, { schema: inner }] of Object.entries(contentBody.content)) {
      const one = zodTransform({ ...input, schema: { body: inner } }).schema as { body?: unknown };
      content[mediaType] = { schema: one.body };
    }
    result.body = { content };
  }
  if (isPublic) result.security = [];
  return { schema: result, url: converted.url };
};

export async function docsPlugin(app: FastifyInstance, options: DocsOptions): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'RateDesk API',
        version: options.version,
        description:
          'Catalog sync, rate publishing and audit for RateDesk. Every call except health and docs needs an Okta access ' +
          `token for the audience ${options.audience} (Authorization: Bearer <token>). Errors are application/problem+json (RFC 9457). ` +
          'Money and rates are decimal strings ("100000.00", "4.5000"); dates are YYYY-MM-DD business dates.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          okta: {
            type: 'oauth2',
            flows: {
              authorizationCode: {
                authorizationUrl: `${options.issuer}/v1/authorize`,
                tokenUrl: `${options.issuer}/v1/token`,
                scopes: { openid: 'Sign in', profile: 'Name', email: 'Email address', offline_access: 'Refresh tokens' },
              },
            },
          },
        },
      },
      security: [{ bearerAuth: [] }],
    },
    transform,
  });

  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    staticCSP: true,
    uiConfig: { deepLinking: true, displayRequestDuration: true },
  });

  app.get(OPENAPI_PATH, { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
