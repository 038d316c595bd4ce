/** A group of radio buttons for one setting: a fieldset, its legend, one labelled radio per option. */
import type { ReactNode } from 'react';

interface Props<T extends string> {
  legend: string;
  name: string;
  options: readonly T[];
  value: T;
  label: (option: T) => ReactNode;
  testId: (option: T) => string;
  lang?: (option: T) => string;
  onChange: (option: T) => void;
}

export function Choice<T extends string>({ legend, name, options, value, label, testId, lang, onChange }: Props<T>) {
  return (
    <fieldset className="settings-choice">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="radio">
          <input
            type="radio"
            name={name}
            value={option}
            lang={lang?.(option)}
            data-testid={testId(option)}
            checked={value === option}
            onChange={() => {
              onChange(option);
            }}
          />
          {label(option)}
        </label>
      ))}
    </fieldset>
  );
}
