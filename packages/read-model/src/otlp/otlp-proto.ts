import protobuf from 'protobufjs';

/*
 * The subset of the OTLP trace protocol (opentelemetry-proto, trace/v1, common/v1, resource/v1,
 * collector/trace/v1) and google.rpc.Status that a trace receiver needs, written from the field
 * numbers the OTLP specification fixes. Fields we never read (dropped counts, entity refs,
 * trace_state, flags) are still declared so that the wire types are checked while decoding.
 * Package names are dropped: nothing here is resolved by fully qualified name across files.
 */
const OTLP_TRACE_PROTO = `
syntax = "proto3";

message ExportTraceServiceRequest {
  repeated ResourceSpans resource_spans = 1;
}

message ExportTraceServiceResponse {
  ExportTracePartialSuccess partial_success = 1;
}

message ExportTracePartialSuccess {
  int64 rejected_spans = 1;
  string error_message = 2;
}

message ResourceSpans {
  Resource resource = 1;
  repeated ScopeSpans scope_spans = 2;
  string schema_url = 3;
}

message Resource {
  repeated KeyValue attributes = 1;
  uint32 dropped_attributes_count = 2;
}

message ScopeSpans {
  InstrumentationScope scope = 1;
  repeated Span spans = 2;
  string schema_url = 3;
}

message InstrumentationScope {
  string name = 1;
  string version = 2;
  repeated KeyValue attributes = 3;
  uint32 dropped_attributes_count = 4;
}

message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string trace_state = 3;
  bytes parent_span_id = 4;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  uint32 dropped_attributes_count = 10;
  repeated Event events = 11;
  uint32 dropped_events_count = 12;
  repeated Link links = 13;
  uint32 dropped_links_count = 14;
  Status status = 15;
  fixed32 flags = 16;
}

message Event {
  fixed64 time_unix_nano = 1;
  string name = 2;
  repeated KeyValue attributes = 3;
  uint32 dropped_attributes_count = 4;
}

message Link {
  bytes trace_id = 1;
  bytes span_id = 2;
  string trace_state = 3;
  repeated KeyValue attributes = 4;
  uint32 dropped_attributes_count = 5;
  fixed32 flags = 6;
}

message Status {
  string message = 2;
  int32 code = 3;
}

message KeyValue {
  string key = 1;
  AnyValue value = 2;
}

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}

message ArrayValue {
  repeated AnyValue values = 1;
}

message KeyValueList {
  repeated KeyValue values = 1;
}

message RpcStatus {
  int32 code = 1;
  string message = 2;
}
`;

/** The message types the receiver uses. */
export interface OtlpProtoTypes {
  ExportTraceServiceRequest: protobuf.Type;
  ExportTraceServiceResponse: protobuf.Type;
  /** `google.rpc.Status`, the body of an OTLP/HTTP error response. */
  RpcStatus: protobuf.Type;
}

let types: OtlpProtoTypes | undefined;

/** Parsed on first use so that importing the package costs nothing. */
export function otlpProtoTypes(): OtlpProtoTypes {
  if (!types) {
    // Span kind and status code are int32 here, not enums: proto3 enums are open, so an
    // unknown number must survive decoding rather than be mapped away.
    const root = protobuf.parse(OTLP_TRACE_PROTO, { keepCase: false }).root;
    types = {
      ExportTraceServiceRequest: root.lookupType('ExportTraceServiceRequest'),
      ExportTraceServiceResponse: root.lookupType('ExportTraceServiceResponse'),
      RpcStatus: root.lookupType('RpcStatus'),
    };
  }
  return types;
}
