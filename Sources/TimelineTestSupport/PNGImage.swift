import CZlib

/// A decoded PNG (8-bit RGB or RGBA, not interlaced): enough to check what a browser rendered.
public struct PNGImage: Sendable {
    /// The image's width in pixels.
    public let width: Int
    /// The image's height in pixels.
    public let height: Int
    /// RGB triples, row by row.
    public let pixels: [UInt8]

    /// Decodes PNG bytes; `nil` for anything but 8-bit RGB or RGBA without interlacing.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count > 33, bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        func be32(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        var width = 0
        var height = 0
        var channels = 0
        var compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = be32(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let data = offset + 8
            guard data + length <= bytes.count else { return nil }
            switch type {
            case "IHDR":
                width = be32(data)
                height = be32(data + 4)
                let depth = bytes[data + 8]
                let colourType = bytes[data + 9]
                guard depth == 8, colourType == 2 || colourType == 6, bytes[data + 12] == 0 else { return nil }
                channels = colourType == 2 ? 3 : 4
            case "IDAT":
                compressed.append(contentsOf: bytes[data..<data + length])
            default:
                break
            }
            offset = data + length + 4
        }
        guard width > 0, height > 0, channels > 0 else { return nil }
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &rawLength, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else { return nil }
        // Undo the per-row filters (none, sub, up, average, Paeth).
        var image = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            for column in 0..<stride {
                let x = raw[row * (stride + 1) + 1 + column]
                let a = column >= channels ? Int(image[row * stride + column - channels]) : 0
                let b = row > 0 ? Int(image[(row - 1) * stride + column]) : 0
                let c = row > 0 && column >= channels ? Int(image[(row - 1) * stride + column - channels]) : 0
                var predictor = 0
                switch filter {
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a)
                    let pb = abs(p - b)
                    let pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: predictor = 0
                }
                image[row * stride + column] = UInt8((Int(x) + predictor) & 0xFF)
            }
        }
        var rgb = [UInt8]()
        rgb.reserveCapacity(width * height * 3)
        for pixel in 0..<(width * height) {
            rgb.append(contentsOf: image[pixel * channels..<pixel * channels + 3])
        }
        self.width = width
        self.height = height
        self.pixels = rgb
    }

    /// The colour of one pixel as `0xRRGGBB`; `nil` outside the image.
    public func colour(x: Int, y: Int) -> Int? {
        guard (0..<width).contains(x), (0..<height).contains(y) else { return nil }
        let index = (y * width + x) * 3
        return Int(pixels[index]) << 16 | Int(pixels[index + 1]) << 8 | Int(pixels[index + 2])
    }

    /// How many pixels are within `tolerance` of an RGB colour given as `0xRRGGBB`.
    public func count(near colour: Int, tolerance: Int = 12) -> Int {
        let r = (colour >> 16) & 0xFF
        let g = (colour >> 8) & 0xFF
        let b = colour & 0xFF
        var count = 0
        var index = 0
        while index + 2 < pixels.count {
            if abs(Int(pixels[index]) - r) <= tolerance && abs(Int(pixels[index + 1]) - g) <= tolerance
                && abs(Int(pixels[index + 2]) - b) <= tolerance
            {
                count += 1
            }
            index += 3
        }
        return count
    }

    /// The share of pixels in a rectangle that are not (near) white.
    public func inkFraction(x: Range<Int>, y: Range<Int>) -> Double {
        var ink = 0
        var total = 0
        for row in y where row < height {
            for column in x where column < width {
                let index = (row * width + column) * 3
                total += 1
                if pixels[index] < 235 || pixels[index + 1] < 235 || pixels[index + 2] < 235 { ink += 1 }
            }
        }
        return total == 0 ? 0 : Double(ink) / Double(total)
    }
}
