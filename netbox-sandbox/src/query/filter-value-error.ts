/**
 * A query value NetBox would refuse: the API answers 400 with `{<parameter>: [message]}`, as Django's form
 * validation does.
 */
export class FilterValueError extends Error {
  readonly code = 'FILTER_VALUE_INVALID';
  readonly parameter: string;

  constructor(
    parameter: string,
    message: string,
  ) {
    super(message);
    this.parameter = parameter;
  }
}

/** Django's message for a value that is not among a field's choices or related objects. */
export function invalidChoice(parameter: string, value: string): FilterValueError {
  return new FilterValueError(parameter, `Select a valid choice. ${value} is not one of the available choices.`);
}
