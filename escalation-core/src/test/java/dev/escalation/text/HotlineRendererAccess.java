package dev.escalation.text;

import dev.escalation.model.EntryParam;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import java.util.LinkedHashMap;
import java.util.Map;

/** The confirmation's {@code hotline.*} parameters as the engine writes them (HotlineAdvisor.toParams), for tests. */
final class HotlineRendererAccess {
    private HotlineRendererAccess() {}

    static Map<String, EntryParam> toParams(HotlineAdvice advice) {
        Map<String, EntryParam> p = new LinkedHashMap<>();
        p.put("hotline.reason", EntryParam.Code.of(advice.reason()));
        p.put("hotline.resumesAt", new EntryParam.At(advice.resumesAt()));
        advice.params().forEach((k, v) -> p.put("hotline.param." + k, v));
        for (int i = 0; i < advice.numbers().size(); i++) {
            HotlineNumber n = advice.numbers().get(i);
            p.put("hotline.number." + (i + 1) + ".label", new EntryParam.Text(n.label()));
            p.put("hotline.number." + (i + 1) + ".number", new EntryParam.Text(n.number()));
        }
        return p;
    }
}
