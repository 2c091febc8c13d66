package frame_test

import (
	"encoding/hex"
	"fmt"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/jsonx"
)

func ExampleEncode() {
	f, _ := frame.NewAudio(frame.Audio{Samples: []float32{0.5, -1}, SampleRate: 16000, Channels: 1})
	b, _ := frame.Encode(f.WithMeta(map[string]any{"source": "mic"}))
	fmt.Println(hex.EncodeToString(b[:8]))
	fmt.Println(string(b[8 : len(b)-8]))
	// Output:
	// 0104000031000000
	// {"channels":1,"sample_rate":16000,"source":"mic"}
}

func ExampleDecode() {
	b, _ := hex.DecodeString("010500001f0000007b226474797065223a22696e743136222c227368617065223a5b322c325d7d0100feff0300fcff")
	f, err := frame.Decode(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Kind(), f.Tensor().DType, f.Tensor().Shape, f.Tensor().Elements())

	_, err = frame.Decode(b[:20])
	fmt.Println(err)
	// Output:
	// tensor int16 [2 2] [1 -2 3 -4]
	// frame: decode: meta_len 31 runs past the end (12 bytes follow the header)
}

func ExampleToValue() {
	f, _ := frame.TensorFromFloat64s(frame.Float32, []int{3}, []float64{0.1, 2, -3.5})
	plain, _ := jsonx.Marshal(frame.ToValue(f))
	fmt.Println(string(plain))
	// Output:
	// {"tensor":{"data":[0.1,2,-3.5],"dtype":"float32","shape":[3]}}
}

func ExampleEqual() {
	a := frame.FromValue(map[string]any{"n": 2.0})
	b, _ := frame.Decode(append([]byte{1, 1, 0, 0, 0, 0, 0, 0}, `{"n":2}`...))
	fmt.Println(frame.Equal(a, b))
	// Output:
	// true
}
