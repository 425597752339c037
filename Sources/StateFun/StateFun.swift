// The protobuf codec is part of this module's API: applications hand-write codecs for their own messages
// (the walkthrough's GreetRequest, say) with WireReader and WireWriter, so one `import StateFun` gives them.
@_exported public import StateFunWire
