import { useTranslation } from "react-i18next";
import type { Draft } from "../api";

/** The post roughly as the Alipay app will show it, phone-sized: `cover` is the URL of its 3:4 cover as it will be cut. */
export function PhonePreview({ draft, cover = null, images = 0 }: { draft: Draft; cover?: string | null; images?: number }) {
  const { t } = useTranslation();
  const parts = draft.body.split(/([#＃][^\s#＃，。！？、；：,.!?;:]+)/);
  return (
    <div className="phone" data-testid="phone-preview">
      <div className="phone-screen">
        <div className={draft.kind === "video" ? "phone-media video" : "phone-media"}>
          {cover && <img src={cover} alt="" data-testid="preview-cover" />}
          {draft.kind === "video" && <span className="phone-play">▶</span>}
          {draft.kind === "image_text" && images > 1 && <span className="phone-count">1/{images}</span>}
        </div>
        <div className="phone-title" data-testid="preview-title">
          {draft.title || t("drafts.untitled")}
        </div>
        <div className="phone-body">
          {parts.map((p, i) =>
            /^[#＃]/.test(p) ? (
              <span key={i} className="phone-topic">
                {p}
              </span>
            ) : (
              <span key={i}>{p}</span>
            ),
          )}
        </div>
        {draft.offer && (
          <div className="phone-offer">
            {draft.offer.kind === "voucher" ? "🎫" : "▣"} {draft.offer.label || draft.offer.id}
          </div>
        )}
        <div className="phone-meta">
          {draft.visibility === "restricted" && <span>{t("composer.restricted")}</span>}
          {draft.ai_generated && <span>{t("composer.aiGenerated")}</span>}
          {draft.reposted && <span>{t("composer.reposted")}</span>}
        </div>
      </div>
    </div>
  );
}
