package sheet

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"regexp"
	"sync"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// FormPassword unprotects the 自评表 sheet. The protection keeps units from
// changing the printed points by accident; it is not a secret, and the
// collect stage compares the locked cells with the plan anyway.
const FormPassword = "mofan"

// spinCount is the ISO/IEC 29500 hash iteration count Excel itself uses.
const spinCount = 100000

// protectionSalt derives the 16-byte salt from stable inputs, so that the
// same year gives the same bytes (excelize draws a random one).
func protectionSalt(year int, password string) []byte {
	s := sha256.Sum256(fmt.Appendf(nil, "mofan/sheet-protection\x00%d\x00%s", year, password))
	return s[:16]
}

var hashCache sync.Map // string(salt)+password → base64 hash

// isoPasswordHash is the SHA-512 password hash of ECMA-376 part 4 §14.7.1:
// H0 = SHA512(salt ‖ UTF-16LE(password)), Hn = SHA512(Hn-1 ‖ LE32(n-1)).
func isoPasswordHash(password string, salt []byte) string {
	key := string(salt) + "\x00" + password
	if v, ok := hashCache.Load(key); ok {
		return v.(string)
	}
	var pw []byte
	for _, u := range utf16.Encode([]rune(password)) {
		pw = binary.LittleEndian.AppendUint16(pw, u)
	}
	h := sha512.New()
	h.Write(salt)
	h.Write(pw)
	sum := h.Sum(nil)
	var it [4]byte
	for i := 0; i < spinCount; i++ {
		binary.LittleEndian.PutUint32(it[:], uint32(i))
		h.Reset()
		h.Write(sum)
		h.Write(it[:])
		sum = h.Sum(sum[:0])
	}
	v := base64.StdEncoding.EncodeToString(sum)
	hashCache.Store(key, v)
	return v
}

// protectionHash is the hash of FormPassword with the year's salt: taken
// from protectionHashes for the years it holds (100,000 rounds of SHA-512
// cost 20–30 ms of CPU, the same in every run), computed for the others.
func protectionHash(year int) string {
	if i := year - firstHashYear; i >= 0 && i < len(protectionHashes) {
		return protectionHashes[i]
	}
	return isoPasswordHash(FormPassword, protectionSalt(year, FormPassword))
}

var reSheetProtection = regexp.MustCompile(`<sheetProtection `)

// protect protects sheet with FormPassword: excelize writes the protection
// flags, and a patch adds the SHA-512 hash with the derived salt.
func (b *book) protect(sheet string, year int) error {
	if err := protectSheet(b.f, sheet); err != nil {
		return err
	}
	b.patchProtection(sheet, year)
	return nil
}

// protectSheet sets the protection flags of sheet.
func protectSheet(f *excelize.File, sheet string) error {
	return f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells:   true,
		SelectUnlockedCells: true,
		FormatRows:          true, // let a unit make a row taller for a long answer
	})
}

// patchProtection adds the password hash of the year to the protection of
// sheet, which protectSheet has set.
func (b *book) patchProtection(sheet string, year int) {
	salt := protectionSalt(year, FormPassword)
	attrs := fmt.Sprintf(`<sheetProtection algorithmName="SHA-512" hashValue="%s" saltValue="%s" spinCount="%d" `,
		protectionHash(year), base64.StdEncoding.EncodeToString(salt), spinCount)
	b.patch(sheet, func(data []byte) ([]byte, error) {
		if n := len(reSheetProtection.FindAllIndex(data, -1)); n != 1 {
			return nil, fmt.Errorf("sheet %s: expected one sheetProtection element, found %d", sheet, n)
		}
		return bytes.Replace(data, []byte("<sheetProtection "), []byte(attrs), 1), nil
	})
}
