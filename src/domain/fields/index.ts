export type { CustomField } from './field.js';
export { applyFieldValues, validateFieldValue } from './field.js';
export { listFields, createField, updateField, type CreateFieldInput, type UpdateFieldInput } from './field-commands.js';
