import LobbyFramebuffer
import LobbyTestSupport
import Testing

@Suite(.tags(.unit)) struct DamagePlanTests {
    static let size = DisplaySize(width: 100, height: 50)

    @Test func singleBufferCopiesOnlyTheDamageAfterTheFirstFrame() {
        var plan = DamagePlan(size: Self.size, bufferCount: 1)
        #expect(plan.rects(for: 0, damage: .rects([BlitRect(x: 1, y: 1, width: 2, height: 2)])) == [Self.size.bounds], "first frame is whole")
        let rect = BlitRect(x: 10, y: 10, width: 5, height: 5)
        #expect(plan.rects(for: 0, damage: .rects([rect])) == [rect])
        #expect(plan.rects(for: 0, damage: .rects([])) == [])
    }

    @Test func backBufferAlsoReceivesThePreviousFramesDamage() {
        var plan = DamagePlan(size: Self.size, bufferCount: 2)
        #expect(plan.rects(for: 1, damage: .full) == [Self.size.bounds])
        #expect(plan.rects(for: 0, damage: .rects([BlitRect(x: 0, y: 0, width: 1, height: 1)])) == [Self.size.bounds], "buffer 0 never had a frame")
        let a = BlitRect(x: 10, y: 10, width: 5, height: 5), b = BlitRect(x: 50, y: 20, width: 5, height: 5)
        // Buffer 1 missed the 1×1 change shown from buffer 0, so it gets that and `a`.
        #expect(Set(plan.rects(for: 1, damage: .rects([a]))) == [BlitRect(x: 0, y: 0, width: 1, height: 1), a])
        #expect(Set(plan.rects(for: 0, damage: .rects([b]))) == [a, b])
        #expect(plan.rects(for: 1, damage: .rects([])) == [b])
    }

    @Test func rectanglesAreClippedAndOverlapsMerged() {
        var plan = DamagePlan(size: Self.size, bufferCount: 1)
        _ = plan.rects(for: 0, damage: .full)
        let rects = plan.rects(for: 0, damage: .rects([
            BlitRect(x: 90, y: 40, width: 30, height: 30), BlitRect(x: 0, y: 0, width: 10, height: 10), BlitRect(x: 5, y: 5, width: 10, height: 10),
            BlitRect(x: -5, y: 20, width: 3, height: 3),
        ]))
        #expect(Set(rects) == [BlitRect(x: 90, y: 40, width: 10, height: 10), BlitRect(x: 0, y: 0, width: 15, height: 15)])
    }

    @Test func manyRectanglesBecomeTheirBoundingBox() {
        let rects = (0..<20).map { BlitRect(x: $0 * 4, y: $0, width: 2, height: 2) }
        #expect(DamagePlan.merge(rects, maximumRects: 16) == [BlitRect(x: 0, y: 0, width: 78, height: 21)])
        #expect(DamagePlan.merge(Array(rects.prefix(3)), maximumRects: 16).count == 3)
    }
}
