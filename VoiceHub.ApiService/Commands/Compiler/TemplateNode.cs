namespace VoiceHub.ApiService.Commands.Compiler;

/// <summary>A parsed sentence template, before it is compiled into matcher states.</summary>
internal abstract record TemplateNode;

/// <summary>A literal word, already normalised (lower case, letters and digits only).</summary>
internal sealed record WordNode(string Word) : TemplateNode;

/// <summary>Items that must follow one another.</summary>
internal sealed record SequenceNode(IReadOnlyList<TemplateNode> Items) : TemplateNode;

/// <summary><c>(a | b)</c>, or <c>[a | b]</c> when optional.</summary>
internal sealed record AlternativeNode(IReadOnlyList<TemplateNode> Options, bool Optional) : TemplateNode;

/// <summary><c>{list}</c> or <c>{list:slot}</c>: fills a slot from a list, range or wildcard.</summary>
internal sealed record SlotNode(string ListName, string SlotName) : TemplateNode;

/// <summary><c>&lt;rule&gt;</c>: an expansion rule, inlined at compile time.</summary>
internal sealed record RuleNode(string RuleName) : TemplateNode;
