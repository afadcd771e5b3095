package textenc

import "testing"

func TestRoundTrip(t *testing.T) {
	for _, s := range []string{"", "市委办公室", "堃喆玥 ASCII 〇"} {
		enc, err := EncodeGB18030([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		if s == "市委办公室" && string(enc) != "\xca\xd0\xce\xaf\xb0\xec\xb9\xab\xca\xd2" {
			t.Errorf("GBK bytes of %q: % x", s, enc)
		}
		dec, err := DecodeGB18030(enc)
		if err != nil || string(dec) != s {
			t.Errorf("round trip of %q: %q, %v", s, dec, err)
		}
	}
}
