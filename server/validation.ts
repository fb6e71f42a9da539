// Request validation: TypeBox's compiler, plus a strict reading of integers in the path and query
// string. TypeBox's conversion of strings is lenient ("1.5" -> 1, "0x10" -> 16, "1e3" -> 1000), so
// an id like "1.5" would silently address record 1; here an integer parameter must be written as
// plain decimal digits.
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';

const DECIMAL_INTEGER = /^-?\d{1,16}$/;

function integerKeys(schema: TSchema): string[] {
  const props = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
  return Object.entries(props)
    .filter(([, s]) => s.type === 'integer')
    .map(([k]) => k);
}

export const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const check = TypeBoxValidatorCompiler(route);
  if (route.httpPart === 'body') return check;
  const keys = integerKeys(route.schema);
  return (value: unknown) => {
    const input = (value ?? {}) as Record<string, unknown>;
    const errors: FastifySchemaValidationError[] = [];
    for (const key of keys) {
      const raw = input[key];
      if (typeof raw === 'string' && !DECIMAL_INTEGER.test(raw)) {
        errors.push({
          keyword: 'type',
          instancePath: `/${key}`,
          schemaPath: `#/properties/${key}/type`,
          params: { type: 'integer' },
          message: 'must be a decimal integer',
        });
      }
    }
    return errors.length > 0 ? { error: errors } : check(value);
  };
};
