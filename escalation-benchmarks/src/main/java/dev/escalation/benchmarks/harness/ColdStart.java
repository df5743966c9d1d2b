package dev.escalation.benchmarks.harness;

import dev.escalation.EscalationReceipt;
import dev.escalation.benchmarks.peers.FlowableEscalations;
import dev.escalation.benchmarks.sdk.SdkFixture;
import dev.escalation.benchmarks.sdk.SdkLifecycle;
import java.time.Clock;

/**
 * Cold JVM to the first escalate receipt: wire the engine with in-memory adapters (German coverage hours, hotline
 * numbers, directories, no-op notifier and ticketing) and press "Escalate Case" once; or, with {@code flowable},
 * build the Flowable engine on in-memory H2, deploy the BPMN and start the first process instance. Prints the wall
 * clock in epoch milliseconds when {@code main} was entered, when the engine was built and when the receipt is
 * there; {@code run.sh} subtracts the instant it launched the JVM.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.escalation.benchmarks.harness.ColdStart sdk|flowable}
 */
public final class ColdStart {

    public static void main(String[] args) {
        long main = System.currentTimeMillis();
        String subject = args.length > 0 ? args[0] : "sdk";
        String result;
        long built;
        if ("flowable".equals(subject)) {
            FlowableEscalations flowable = new FlowableEscalations();
            built = System.currentTimeMillis();
            result = flowable.escalate("C-1");
        } else {
            SdkFixture f = new SdkFixture("memory", Clock.systemUTC());
            built = System.currentTimeMillis();
            EscalationReceipt receipt = SdkLifecycle.escalate(f.engine, "C-1", "first-click");
            if (!receipt.created()) {
                throw new IllegalStateException("no escalation created");
            }
            result = receipt.escalation().value();
        }
        long at = System.currentTimeMillis();
        // epoch milliseconds: main() entered, engine built (Flowable: and BPMN deployed), receipt held
        System.out.println("receipt " + result + " main=" + main + " built=" + built + " at=" + at);
        System.exit(0);
    }
}
