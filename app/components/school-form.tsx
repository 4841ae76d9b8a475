import { Form } from "@remix-run/react";
import { Alert, Button, Checkbox, Input, InputNumber, Space } from "antd";
import { OWNERSHIP, SCHOOL_KINDS, URBAN_RURAL } from "#app/domain/school-kinds";
import { SelectField } from "./select-field";

type Values = { code?: string; name?: string; kind?: string; urbanRural?: string; ownership?: string; boarding?: boolean; enrolment?: number | null; address?: string | null; centralSchoolCode?: string | null };

const toOptions = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));

function Field({ label, error, children, htmlFor }: { label: string; error?: string; children: React.ReactNode; htmlFor?: string }) {
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 4, maxWidth: 480 }}>
      <label htmlFor={htmlFor} style={{ fontWeight: 500 }}>
        {label}
      </label>
      {children}
      {error ? (
        <span role="alert" style={{ color: "#c0392b", fontSize: 13 }}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** Create/edit form of one school; works as a plain HTML form. */
export function SchoolForm({ values, errors, formError, codeEditable, submitLabel }: { values: Values; errors?: Record<string, string>; formError?: string; codeEditable: boolean; submitLabel: string }) {
  return (
    <Form method="post">
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        {formError ? <Alert type="error" showIcon message={formError} /> : null}
        <Field label="学校标识码（10 位数字）" error={errors?.code} htmlFor="code">
          <Input id="code" name="code" defaultValue={values.code} disabled={!codeEditable} maxLength={10} inputMode="numeric" />
          {!codeEditable ? <input type="hidden" name="code" value={values.code} /> : null}
        </Field>
        <Field label="学校名称" error={errors?.name} htmlFor="name">
          <Input id="name" name="name" defaultValue={values.name} maxLength={60} />
        </Field>
        <Field label="学校类型" error={errors?.kind}>
          <SelectField name="kind" defaultValue={values.kind} options={toOptions(SCHOOL_KINDS)} placeholder="请选择" />
        </Field>
        <Field label="所属中心校标识码（仅教学点填写）" error={errors?.centralSchoolCode} htmlFor="centralSchoolCode">
          <Input id="centralSchoolCode" name="centralSchoolCode" defaultValue={values.centralSchoolCode ?? ""} maxLength={10} inputMode="numeric" />
        </Field>
        <Field label="城乡分类" error={errors?.urbanRural}>
          <SelectField name="urbanRural" defaultValue={values.urbanRural} options={toOptions(URBAN_RURAL)} placeholder="请选择" />
        </Field>
        <Field label="办学性质" error={errors?.ownership}>
          <SelectField name="ownership" defaultValue={values.ownership ?? "public"} options={toOptions(OWNERSHIP)} />
        </Field>
        <Checkbox name="boarding" defaultChecked={values.boarding ?? false}>
          寄宿制学校
        </Checkbox>
        <Field label="在校生数（人）" error={errors?.enrolment} htmlFor="enrolment">
          <InputNumber id="enrolment" name="enrolment" defaultValue={values.enrolment ?? undefined} min={0} precision={0} style={{ width: 200 }} />
        </Field>
        <Field label="地址" error={errors?.address} htmlFor="address">
          <Input id="address" name="address" defaultValue={values.address ?? ""} maxLength={120} />
        </Field>
        <Button type="primary" htmlType="submit" name="intent" value="save">
          {submitLabel}
        </Button>
      </Space>
    </Form>
  );
}
