import { z } from 'zod';
import { writtenConfigSchema } from '../config/schema.ts';
import { changeFileSchema } from '../gate/change-file.ts';
import { policyCaseFileSchema } from '../policy-test/schema.ts';
import { toJsonText } from '../util/stable-json.ts';
import { waiversFileSchema } from './waiver-schema.ts';
import { createEditorPolicySchema } from './schema.ts';

/** The JSON Schemas shipped in schemas/ for editor completion, generated from the zod schemas. */
export const getJsonSchemaTexts = (): Record<string, string> => {
  const toText = (schema: z.ZodType): string =>
    toJsonText(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }));
  return {
    'policy.schema.json': toText(createEditorPolicySchema()),
    'waivers.schema.json': toText(waiversFileSchema),
    'config.schema.json': toText(writtenConfigSchema),
    'change-file.schema.json': toText(changeFileSchema),
    'policy-test.schema.json': toText(policyCaseFileSchema),
  };
};
