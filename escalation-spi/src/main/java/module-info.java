/**
 * The SPI of the Escalation SDK: the ports an adapter implements ({@code dev.escalation.spi}) and the immutable records
 * it stores, sends or throws ({@code dev.escalation.model}). The only module an adapter needs.
 */
module dev.escalation.spi {
    requires static transitive org.jspecify;

    exports dev.escalation.model;
    exports dev.escalation.spi;
    // not API (it may change in any release): the bidirectional-controls rule and the copies naming a null element
    // that the records and the engine share;
    // exported to every module, as the engine may run on the class path beside this module on the module path
    exports dev.escalation.spi.internal;
}
