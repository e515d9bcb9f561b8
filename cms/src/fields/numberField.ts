import type { NumberField } from 'payload'

/** A unique whole number from `min` to `max`, refused with `message` otherwise (drafts too). */
export const uniqueNumberField = (min: number, max: number, message: string): NumberField => ({
  name: 'number',
  type: 'number',
  label: 'Nummer',
  required: true,
  unique: true,
  validate: (value: number | null | undefined) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? true : message,
})
