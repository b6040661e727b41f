import { useCallback, useEffect, useState } from "react";
import { Alert, App, Button, Checkbox, Form, Input, Modal, Popconfirm, Radio, Select, Space, Tag, Typography } from "antd";
import type { ButtonProps } from "antd";
import { CheckCircleOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Account, AccountPatch, AccountProblem, AccountRole, AccountSetup, CheckedAccount, SettingsPatch } from "../api";
import { ACCOUNT_ROLE_VALUES, isApiError } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { useSync } from "../sync";

/** Alipay's gateways; a custom URL covers anything else. */
const GATEWAYS = {
  production: "https://openapi.alipay.com/gateway.do",
  sandbox: "https://openapi-sandbox.dl.alipaydev.com/gateway.do",
} as const;

/** The host of a gateway URL, or the URL as stored when it is not one. */
function hostOf(gateway: string): string {
  try {
    return new URL(gateway).host;
  } catch {
    return gateway;
  }
}

type AccountForm = {
  name: string;
  role: AccountRole;
  gateway: keyof typeof GATEWAYS | "custom";
  custom_gateway?: string;
  app_id: string;
  app_private_key: string;
  platform_key: string;
  public_id?: string;
  app_auth_token?: string;
  passphrase?: string;
};

/** The platform accounts: which one posts go to, and adding a real Alipay app. */
export function AccountsSection({ publishAccount, onChange }: { publishAccount: number | null; onChange: (p: SettingsPatch) => Promise<void> }) {
  const backend = useBackend();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sync = useSync();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Account | null>(null);
  const [removing, setRemoving] = useState<Account | null>(null);

  const load = useCallback(() => {
    backend.listAccounts().then(setAccounts).catch((e) => message.error(errorMessage(e)));
  }, [backend, message]);
  // Read again whenever the number of accounts with a problem changes: a
  // problem noticed, or gone once fixed, shows without leaving the screen.
  const inTrouble = sync.status?.accounts_in_trouble ?? 0;
  useEffect(() => load(), [load, inTrouble]);

  const chosen = publishAccount ?? accounts.find((a) => a.gateway === "emulator")?.id ?? null;
  const after = (done: () => void) => {
    done();
    load();
    sync.refresh();
  };
  const check = async (a: Account) => {
    try {
      const checked = await backend.checkAccount(a.id);
      after(() => message.success(t("accounts.checked", { name: checked.account.name, life: checked.life_account })));
    } catch (e) {
      after(() => message.error(errorMessage(e)));
    }
  };
  const remove = async (a: Account, cancelJobs: boolean) => {
    try {
      await backend.removeAccount(a.id, cancelJobs);
      setRemoving(null);
      after(() => message.success(t("accounts.removed")));
    } catch (e) {
      // Posts still wait for it: removing takes a second, explicit yes.
      if (isApiError(e) && e.code === "account_busy" && !cancelJobs) setRemoving(a);
      else message.error(errorMessage(e));
    }
  };
  const choose = async (id: number) => {
    try {
      await onChange({ publish_account: id });
      sync.refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <section className="accounts" data-testid="accounts">
      <Typography.Title level={5}>{t("accounts.heading")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("accounts.hint")}</Typography.Paragraph>
      <Radio.Group value={chosen} onChange={(e) => void choose(e.target.value as number)} className="account-list">
        {accounts.map((a) => (
          <div key={a.id} className="account-row" data-testid="account-row" data-name={a.name}>
            <Radio value={a.id} data-testid="account" data-name={a.name}>
              <Space size={6} wrap>
                <Typography.Text strong>{a.name}</Typography.Text>
                <Tag>{t(`accounts.role.${a.role}`)}</Tag>
                <Typography.Text type="secondary">{a.gateway === "emulator" ? t("accounts.emulator") : `${a.app_id} · ${hostOf(a.gateway)}`}</Typography.Text>
                {a.public_id && <Typography.Text type="secondary">{t("accounts.actingFor", { id: a.public_id })}</Typography.Text>}
                {a.problem && <Tag color="error">{t("accounts.needsAttention")}</Tag>}
              </Space>
            </Radio>
            {a.gateway !== "emulator" && (
              <Space size={4} className="account-actions">
                <Button size="small" icon={<CheckCircleOutlined />} onClick={() => void check(a)} data-testid="account-check">
                  {t("accounts.check")}
                </Button>
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(a)} data-testid="account-edit">
                  {t("accounts.edit")}
                </Button>
                <Popconfirm
                  title={t("accounts.removeConfirm")}
                  onConfirm={() => void remove(a, false)}
                  okText={t("accounts.remove")}
                  okButtonProps={{ danger: true, "data-testid": "account-remove-confirm" } as ButtonProps}
                  cancelText={t("remove.cancel")}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} data-testid="account-remove">
                    {t("accounts.remove")}
                  </Button>
                </Popconfirm>
              </Space>
            )}
            {a.problem && (
              <Alert
                type="error"
                showIcon
                className="account-problem"
                data-testid="account-problem"
                title={problemWords(a.problem, t)}
                description={t("accounts.waitingForFix")}
              />
            )}
          </div>
        ))}
      </Radio.Group>
      <div>
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-account">
          {t("accounts.add")}
        </Button>
      </div>
      <AddAccount
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(a) => {
          setAdding(false);
          message.success(t("accounts.added", { name: a.account.name, life: a.life_account }));
          load();
        }}
      />
      {editing && (
        <EditAccount
          account={editing}
          onClose={() => setEditing(null)}
          onSaved={(a) => {
            setEditing(null);
            after(() => message.success(t("accounts.saved", { name: a.account.name })));
          }}
        />
      )}
      <Modal
        open={removing !== null}
        title={t("accounts.removeWithJobs")}
        onCancel={() => setRemoving(null)}
        onOk={() => removing && void remove(removing, true)}
        okText={t("accounts.remove")}
        okButtonProps={{ danger: true, "data-testid": "account-remove-with-jobs" } as ButtonProps}
        cancelText={t("remove.cancel")}
      />
    </section>
  );
}

/** The form for a real Alipay app: ids and keys from the open platform console. */
function AddAccount({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (a: CheckedAccount) => void }) {
  const backend = useBackend();
  const { t } = useTranslation();
  const [form] = Form.useForm<AccountForm>();
  const [error, setError] = useState<string | null>(null);
  const [needPassphrase, setNeedPassphrase] = useState(false);
  const [busy, setBusy] = useState(false);
  const gateway = Form.useWatch("gateway", form);

  const submit = async (v: AccountForm) => {
    setBusy(true);
    setError(null);
    const setup: AccountSetup = {
      account: {
        name: v.name.trim(),
        role: v.role,
        gateway: v.gateway === "custom" ? (v.custom_gateway ?? "").trim() : GATEWAYS[v.gateway],
        app_id: v.app_id.trim(),
        platform_key: v.platform_key.trim(),
        public_id: (v.public_id ?? "").trim(),
      },
      app_private_key: v.app_private_key.trim(),
      app_auth_token: v.app_auth_token?.trim() || null,
    };
    try {
      if (needPassphrase && v.passphrase) await backend.unlockSecrets(v.passphrase);
      const added = await backend.addAccount(setup);
      form.resetFields();
      setNeedPassphrase(false);
      onAdded(added);
    } catch (e) {
      // No keychain on this desktop: the keys go to a file locked by a passphrase.
      if (isApiError(e) && e.code === "secrets_locked") setNeedPassphrase(true);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("accounts.addTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("accounts.save")}
      cancelText={t("remove.cancel")}
      okButtonProps={{ loading: busy, "data-testid": "save-account" } as ButtonProps}
      width={640}
      // A click beside the form must not throw away keys pasted into it.
      maskClosable={false}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("accounts.keysHint")}</Typography.Paragraph>
      <Form<AccountForm> form={form} layout="vertical" initialValues={{ role: "creator", gateway: "production" }} onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="name" label={t("accounts.name")} rules={[{ required: true, whitespace: true, message: t("accounts.required") }]}>
          <Input data-testid="account-name" placeholder={t("accounts.namePlaceholder")} />
        </Form.Item>
        <Form.Item name="role" label={t("accounts.roleLabel")}>
          <Select
            options={ACCOUNT_ROLE_VALUES.map((r) => ({ value: r, label: t(`accounts.role.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="gateway" label={t("accounts.gateway")}>
          <Radio.Group
            options={[
              { value: "production", label: t("accounts.production") },
              { value: "sandbox", label: t("accounts.sandbox") },
              { value: "custom", label: <span data-testid="gateway-custom">{t("accounts.custom")}</span> },
            ]}
          />
        </Form.Item>
        {gateway === "custom" && (
          <Form.Item name="custom_gateway" label={t("accounts.gatewayUrl")} rules={[{ required: true, type: "url", message: t("accounts.urlNeeded") }]}>
            <Input data-testid="account-gateway" placeholder="https://…/gateway.do" />
          </Form.Item>
        )}
        <Form.Item name="app_id" label="APPID" rules={[{ required: true, pattern: /^\s*\d{8,32}\s*$/, message: t("accounts.appIdNeeded") }]}>
          <Input data-testid="account-app-id" placeholder="2021…" />
        </Form.Item>
        <Form.Item name="app_private_key" label={t("accounts.privateKey")} rules={[{ required: true, whitespace: true, message: t("accounts.required") }]}>
          <Input.TextArea data-testid="account-private-key" autoSize={{ minRows: 2, maxRows: 4 }} spellCheck={false} className="key-input" />
        </Form.Item>
        <Form.Item name="platform_key" label={t("accounts.platformKey")} rules={[{ required: true, whitespace: true, message: t("accounts.required") }]}>
          <Input.TextArea data-testid="account-platform-key" autoSize={{ minRows: 2, maxRows: 4 }} spellCheck={false} className="key-input" />
        </Form.Item>
        <Form.Item name="public_id" label={t("accounts.publicId")} extra={t("accounts.publicIdHint")}>
          <Input />
        </Form.Item>
        <Form.Item name="app_auth_token" label="app_auth_token" extra={t("accounts.tokenHint")}>
          <Input.Password autoComplete="off" />
        </Form.Item>
        {needPassphrase && (
          <Form.Item name="passphrase" label={t("accounts.passphrase")} rules={[{ required: true, message: t("accounts.required") }]}>
            <Input.Password data-testid="account-passphrase" autoComplete="off" />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="account-error" />}
    </Modal>
  );
}

/** What is wrong with an account, in the user's language. */
function problemWords(p: AccountProblem, t: (key: string, vars?: Record<string, string>) => string): string {
  switch (p.what) {
    case "unreachable":
      return t("accounts.problem.unreachable", { detail: p.detail });
    case "refused":
      return t("accounts.problem.refused", { message: p.message, code: p.code, sub_code: p.sub_code });
    default:
      return t(`accounts.problem.${p.what}`);
  }
}

type EditForm = {
  name: string;
  role: AccountRole;
  gateway: string;
  platform_key: string;
  public_id: string;
  app_private_key?: string;
  app_auth_token?: string;
  forget_token?: boolean;
};

/** Changes an account; changed keys are checked with the platform before they are kept. */
function EditAccount({ account, onClose, onSaved }: { account: Account; onClose: () => void; onSaved: (a: CheckedAccount) => void }) {
  const backend = useBackend();
  const { t } = useTranslation();
  const [form] = Form.useForm<EditForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: EditForm) => {
    setBusy(true);
    setError(null);
    const changed = (now: string, was: string) => (now.trim() === was ? undefined : now.trim());
    const patch: AccountPatch = {
      name: changed(v.name, account.name),
      role: v.role === account.role ? undefined : v.role,
      gateway: changed(v.gateway, account.gateway),
      platform_key: changed(v.platform_key, account.platform_key.trim()),
      public_id: changed(v.public_id, account.public_id),
      app_private_key: v.app_private_key?.trim() || undefined,
      app_auth_token: v.forget_token ? "" : v.app_auth_token?.trim() || undefined,
    };
    try {
      onSaved(await backend.updateAccount(account.id, patch));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t("accounts.editTitle", { name: account.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("accounts.saveChanges")}
      cancelText={t("remove.cancel")}
      okButtonProps={{ loading: busy, "data-testid": "save-account-changes" } as ButtonProps}
      width={640}
      maskClosable={false}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("accounts.editHint")}</Typography.Paragraph>
      <Form<EditForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: account.name, role: account.role, gateway: account.gateway, platform_key: account.platform_key.trim(), public_id: account.public_id }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="name" label={t("accounts.name")} rules={[{ required: true, whitespace: true, message: t("accounts.required") }]}>
          <Input data-testid="edit-account-name" />
        </Form.Item>
        <Form.Item name="role" label={t("accounts.roleLabel")}>
          <Select options={ACCOUNT_ROLE_VALUES.map((r) => ({ value: r, label: t(`accounts.role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="gateway" label={t("accounts.gatewayUrl")} rules={[{ required: true, type: "url", message: t("accounts.urlNeeded") }]}>
          <Input />
        </Form.Item>
        <Form.Item name="platform_key" label={t("accounts.platformKey")} rules={[{ required: true, whitespace: true, message: t("accounts.required") }]}>
          <Input.TextArea data-testid="edit-account-platform-key" autoSize={{ minRows: 2, maxRows: 4 }} spellCheck={false} className="key-input" />
        </Form.Item>
        <Form.Item name="app_private_key" label={t("accounts.newPrivateKey")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} spellCheck={false} className="key-input" />
        </Form.Item>
        <Form.Item name="public_id" label={t("accounts.publicId")} extra={t("accounts.publicIdHint")}>
          <Input />
        </Form.Item>
        <Form.Item name="app_auth_token" label={t("accounts.newToken")}>
          <Input.Password autoComplete="off" />
        </Form.Item>
        {account.has_auth_token && (
          <Form.Item name="forget_token" valuePropName="checked">
            <Checkbox>{t("accounts.forgetToken")}</Checkbox>
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="edit-account-error" />}
    </Modal>
  );
}
