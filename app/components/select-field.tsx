import { Select } from "antd";
import { useState } from "react";

/**
 * antd Select that also submits with a plain HTML form: the chosen value travels in a hidden
 * input named `name`, so Remix <Form> actions receive it like any other field.
 */
export function SelectField({
  name,
  options,
  defaultValue,
  placeholder,
  mode,
  style,
  id,
  onChange,
}: {
  name: string;
  options: { value: string; label: string }[];
  defaultValue?: string | string[];
  placeholder?: string;
  mode?: "multiple";
  style?: React.CSSProperties;
  id?: string;
  onChange?: (value: string | string[]) => void;
}) {
  const [value, setValue] = useState<string | string[] | undefined>(defaultValue);
  const values = Array.isArray(value) ? value : value ? [value] : [];
  return (
    <>
      <Select
        id={id}
        mode={mode}
        value={value}
        options={options}
        placeholder={placeholder}
        style={{ minWidth: 160, ...style }}
        onChange={(v) => {
          setValue(v);
          onChange?.(v);
        }}
        data-testid={`select-${name}`}
      />
      {values.map((v) => (
        <input key={v} type="hidden" name={name} value={v} />
      ))}
    </>
  );
}
