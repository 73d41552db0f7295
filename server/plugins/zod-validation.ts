// Request validation with the route's zod schemas, in the same words as the desktop forms: the
// validator uses src-shared's parseOrThrow (readable messages such as "is required" or "unknown
// field: foo") and answers a ProblemError whose issues name the part and the field, e.g.
// "body.maximumInvestment" or "query.limit". fastify-type-provider-zod's own compiler would answer
// zod's default wording ("Invalid input: expected string, received undefined").
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { parseOrThrow, ValidationError } from '../../src-shared/errors.js';
import { validationProblem } from '../http/problem.js';

const PART_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const part = PART_NAMES[httpPart ?? 'body'] ?? 'body';
  return (data: unknown) => {
    try {
      // Fastify hands a missing body over as null; "required" reads better than "expected object".
      return { value: parseOrThrow(schema, data === null ? undefined : data, [part]) };
    } catch (error) {
      if (error instanceof ValidationError) {
        return { error: validationProblem(error.issues) };
      }
      throw error;
    }
  };
};
