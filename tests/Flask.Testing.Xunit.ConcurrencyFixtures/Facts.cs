using System.Threading.Tasks;
using Flask.Testing.Xunit;
using Xunit;

namespace Flask.Testing.Xunit.ConcurrencyFixtures;

// 40 [Fact] FLASK tests over 4 classes: each asks one question of its own.
internal static class Facts
{
    public static Task Ask(string test) => FlaskAssert.ScoresAsync($"Explain {test}.", $"About {test}. #scores Factuality=4");
}

public sealed class FactsA
{
    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact01() => Facts.Ask("A01");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact02() => Facts.Ask("A02");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact03() => Facts.Ask("A03");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact04() => Facts.Ask("A04");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact05() => Facts.Ask("A05");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact06() => Facts.Ask("A06");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact07() => Facts.Ask("A07");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact08() => Facts.Ask("A08");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact09() => Facts.Ask("A09");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact10() => Facts.Ask("A10");
}

public sealed class FactsB
{
    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact01() => Facts.Ask("B01");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact02() => Facts.Ask("B02");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact03() => Facts.Ask("B03");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact04() => Facts.Ask("B04");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact05() => Facts.Ask("B05");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact06() => Facts.Ask("B06");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact07() => Facts.Ask("B07");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact08() => Facts.Ask("B08");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact09() => Facts.Ask("B09");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact10() => Facts.Ask("B10");
}

public sealed class FactsC
{
    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact01() => Facts.Ask("C01");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact02() => Facts.Ask("C02");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact03() => Facts.Ask("C03");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact04() => Facts.Ask("C04");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact05() => Facts.Ask("C05");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact06() => Facts.Ask("C06");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact07() => Facts.Ask("C07");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact08() => Facts.Ask("C08");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact09() => Facts.Ask("C09");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact10() => Facts.Ask("C10");
}

public sealed class FactsD
{
    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact01() => Facts.Ask("D01");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact02() => Facts.Ask("D02");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact03() => Facts.Ask("D03");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact04() => Facts.Ask("D04");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact05() => Facts.Ask("D05");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact06() => Facts.Ask("D06");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact07() => Facts.Ask("D07");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact08() => Facts.Ask("D08");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact09() => Facts.Ask("D09");

    [Fact, FlaskSkill(FlaskSkillIds.Factuality)] public Task Fact10() => Facts.Ask("D10");
}
