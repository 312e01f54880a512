/// Which part of the screen must be repainted between two models.
public enum KioskDamage {
    /// The smallest rectangle covering everything that differs, or nil when nothing does;
    /// the whole screen when the screen, mode or size changed.
    public static func region(from old: KioskScreenModel, to new: KioskScreenModel) -> PixelRect? {
        let whole = PixelRect(x: 0, y: 0, width: new.geometry.width, height: new.geometry.height)
        guard old.geometry == new.geometry, old.accessible == new.accessible, old.name == new.name else { return whole }
        var damage: PixelRect?
        func add(_ rect: PixelRect) { damage = damage.map { $0.union(rect) } ?? rect }
        let oldButtons = Set(old.buttons), newButtons = Set(new.buttons)
        for b in oldButtons.symmetricDifference(newButtons) { add(b.frame) }
        let oldTexts = Set(old.texts), newTexts = Set(new.texts)
        for t in oldTexts.symmetricDifference(newTexts) { add(t.frame) }
        if old.code != new.code { for code in [old.code, new.code].compactMap({ $0 }) { add(code.frame) } }
        return damage
    }
}
