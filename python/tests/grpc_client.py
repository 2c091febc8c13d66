"""A remotemedia.v1 client made only of stubs grpcio-tools generated from
proto/ (no remotemedia code): test_grpc_generated_client.py runs it in a
fresh interpreter as `python grpc_client.py STUBS_DIR ENDPOINT` and checks
what it prints, one JSON object."""

from __future__ import annotations

import json
import sys

sys.path.insert(0, sys.argv[1])  # before site-packages: the stubs' remotemedia.v1, not the SDK

import grpc  # type: ignore[import-untyped]  # noqa: E402
from remotemedia.v1 import common_pb2, execution_pb2, execution_pb2_grpc, streaming_pb2, streaming_pb2_grpc  # type: ignore[import-not-found]  # noqa: E402

MANIFEST = execution_pb2.PipelineManifest(
    version="v1",
    metadata=execution_pb2.ManifestMetadata(name="calc"),
    nodes=[
        execution_pb2.NodeManifest(id="multiply", node_type="MultiplyNode", params='{"multiplier": 2}'),
        execution_pb2.NodeManifest(id="add", node_type="AddNode", params='{"addend": 10}'),
    ],
    connections=[execution_pb2.Connection(**{"from": "multiply", "to": "add"})],
)


def number(v: int) -> common_pb2.DataBuffer:
    return common_pb2.DataBuffer(json=common_pb2.JsonData(json_payload=json.dumps(v)))


def requests(values: list[int]):  # type: ignore[no-untyped-def]
    yield streaming_pb2.StreamRequest(init=streaming_pb2.StreamInit(manifest=MANIFEST, client_version="grpcio-test"))
    for seq, v in enumerate(values):
        yield streaming_pb2.StreamRequest(data_chunk=streaming_pb2.DataChunk(buffer=number(v), sequence=100 + seq))
    yield streaming_pb2.StreamRequest(control=streaming_pb2.StreamControl(command=streaming_pb2.StreamControl.COMMAND_CLOSE))


def main() -> None:
    values = list(range(50))
    out: dict[str, object] = {"results": [], "kinds": []}
    with grpc.insecure_channel(sys.argv[2]) as channel:
        stream = streaming_pb2_grpc.StreamingPipelineServiceStub(channel)
        for resp in stream.StreamPipeline(requests(values), timeout=30):
            kind = resp.WhichOneof("response")
            out["kinds"].append(kind)  # type: ignore[attr-defined]
            if kind == "ready":
                out["session_id"] = resp.ready.session_id
            elif kind == "result":
                r = resp.result
                out["results"].append([r.sequence, json.loads(r.data_outputs["add"].json.json_payload)])  # type: ignore[attr-defined]
            elif kind == "error":
                out["error"] = resp.error.message
        execute = execution_pb2_grpc.PipelineExecutionServiceStub(channel)
        resp = execute.ExecutePipeline(execution_pb2.ExecuteRequest(manifest=MANIFEST, data_inputs={"": number(5)}), timeout=30)
        out["execute"] = json.loads(resp.result.data_outputs["add"].json.json_payload)
        version = execute.GetVersion(execution_pb2.VersionRequest(client_version="grpcio-test"), timeout=30)
        out["protocol"] = version.version_info.protocol_version
        out["compatible"] = version.compatible
        out["node_types"] = list(version.version_info.supported_node_types)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
