using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Flask.Testing.Tests.PublicApi;

/// <summary>
/// The public surface of an assembly as text: every public type (and public or protected nested type) by full name, each
/// followed by its public and protected members, indented, with signatures and nullability, sorted, one per line.
/// </summary>
internal static class PublicApiListing
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Of(Assembly assembly)
    {
        var builder = new StringBuilder();
        foreach (Type type in assembly.GetTypes().Where(IsVisible).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            builder.Append(TypeHeader(type)).Append('\n');
            foreach (string member in Members(type).Order(StringComparer.Ordinal))
                builder.Append("  ").Append(member).Append('\n');
        }
        return builder.ToString();
    }

    // A nested type is part of the API when users can reach it: public, or protected inside an inheritable type.
    private static bool IsVisible(Type type) =>
        type.IsPublic
        || (type.IsNestedPublic && IsVisible(type.DeclaringType!))
        || ((type.IsNestedFamily || type.IsNestedFamORAssem) && IsVisible(type.DeclaringType!) && !type.DeclaringType!.IsSealed);

    private static bool IsVisible(MethodBase? method) =>
        method is not null && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly);

    private static bool IsVisible(FieldInfo field) => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly;

    private static string Access(MethodBase method) => method.IsPublic ? "public" : "protected";

    private static string TypeHeader(Type type)
    {
        string access = type.IsPublic || type.IsNestedPublic ? "public" : "protected";
        string name = TypeName(type, null, qualified: true);
        if (type.IsEnum)
            return $"{access} enum {name} : {TypeName(Enum.GetUnderlyingType(type), null)}";
        if (type.IsInterface)
            return $"{access} interface {name}{Bases(type)}";
        if (typeof(MulticastDelegate).IsAssignableFrom(type.BaseType) && type.BaseType == typeof(MulticastDelegate))
        {
            MethodInfo invoke = type.GetMethod("Invoke")!;
            return $"{access} delegate {ReturnType(invoke)} {name}({Parameters(invoke)})";
        }
        bool record = type.GetMethod("<Clone>$") is not null || type.GetProperty("EqualityContract", Declared) is not null;
        string kind = (record ? "record " : "") + (type.IsValueType ? "struct" : "class");
        string modifiers = type switch
        {
            { IsAbstract: true, IsSealed: true } => "static ",
            { IsValueType: true } => type.IsDefined(typeof(IsReadOnlyAttribute), false) ? "readonly " : "",
            { IsSealed: true } => "sealed ",
            { IsAbstract: true } => "abstract ",
            _ => "",
        };
        return $"{access} {modifiers}{kind} {name}{Bases(type)}";
    }

    private static string Bases(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType))
            bases.Add(TypeName(baseType, null));
        bases.AddRange(type.GetInterfaces().Select(i => TypeName(i, null)).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? "" : " : " + string.Join(", ", bases);
    }

    private static IEnumerable<string> Members(Type type)
    {
        var context = new NullabilityInfoContext();
        var accessors = new HashSet<MethodInfo>();
        foreach (PropertyInfo property in type.GetProperties(Declared))
        {
            accessors.UnionWith(property.GetAccessors(nonPublic: true));
            if (Property(property, context) is { } line)
                yield return line;
        }
        foreach (EventInfo @event in type.GetEvents(Declared))
        {
            accessors.UnionWith(new[] { @event.AddMethod, @event.RemoveMethod, @event.RaiseMethod }.OfType<MethodInfo>());
            if (IsVisible(@event.AddMethod))
                yield return $"{Access(@event.AddMethod!)} {Modifiers(@event.AddMethod!, type)}event {TypeName(@event.EventHandlerType!, context.Create(@event))} {@event.Name}";
        }
        if (type.IsEnum)
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                yield return $"{field.Name} = {Convert.ToString(field.GetRawConstantValue(), CultureInfo.InvariantCulture)}";
            yield break;
        }
        foreach (FieldInfo field in type.GetFields(Declared).Where(IsVisible))
        {
            if (field.Name.StartsWith('<'))
                continue;
            string modifiers = field.IsLiteral ? "const " : (field.IsStatic ? "static " : "") + (field.IsInitOnly ? "readonly " : "");
            string value = field.IsLiteral ? " = " + Literal(field.GetRawConstantValue()) : "";
            yield return $"{(field.IsPublic ? "public" : "protected")} {modifiers}{TypeName(field.FieldType, context.Create(field))} {field.Name}{value}";
        }
        foreach (ConstructorInfo constructor in type.GetConstructors(Declared).Where(IsVisible))
        {
            if (type.IsAbstract && type.IsSealed)
                continue;
            yield return $"{Access(constructor)} {(constructor.IsStatic ? "static " : "")}{TypeName(type, null)}({Parameters(constructor)})";
        }
        foreach (MethodInfo method in type.GetMethods(Declared).Where(IsVisible))
        {
            if (accessors.Contains(method) || method.Name.StartsWith('<'))
                continue;
            string generics = method.IsGenericMethodDefinition
                ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">"
                : "";
            yield return $"{Access(method)} {Modifiers(method, type)}{ReturnType(method)} {method.Name}{generics}({Parameters(method)})";
        }
    }

    private static string? Property(PropertyInfo property, NullabilityInfoContext context)
    {
        MethodInfo? get = IsVisible(property.GetMethod) ? property.GetMethod : null;
        MethodInfo? set = IsVisible(property.SetMethod) ? property.SetMethod : null;
        if (get is null && set is null)
            return null;
        MethodInfo main = get ?? set!;
        string access = Access(main);
        NullabilityInfo nullability = context.Create(property);
        string name = property.GetIndexParameters() is { Length: > 0 } index
            ? $"this[{string.Join(", ", index.Select(p => Parameter(p, context)))}]"
            : property.Name;
        var parts = new List<string>();
        if (get is not null)
            parts.Add(Accessor(get, access, "get"));
        if (set is not null)
        {
            bool init = set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
            parts.Add(Accessor(set, access, init ? "init" : "set"));
        }
        string type = TypeName(property.PropertyType, nullability, get is null);
        string required = property.IsDefined(typeof(RequiredMemberAttribute), false) ? "required " : "";
        return $"{access} {required}{Modifiers(main, property.DeclaringType!)}{type} {name} {{ {string.Join(" ", parts)} }}";
    }

    private static string Accessor(MethodInfo accessor, string propertyAccess, string keyword) =>
        Access(accessor) == propertyAccess ? keyword + ";" : $"{Access(accessor)} {keyword};";

    private static string Modifiers(MethodInfo method, Type declaring)
    {
        if (method.IsStatic)
            return "static ";
        if (declaring.IsInterface)
            return method.IsAbstract ? "" : "virtual ";
        if (method.IsAbstract)
            return "abstract ";
        bool overrides = method.GetBaseDefinition().DeclaringType != method.DeclaringType;
        if (overrides)
            return method.IsFinal ? "sealed override " : "override ";
        return method.IsVirtual && !method.IsFinal ? "virtual " : "";
    }

    private static string ReturnType(MethodInfo method)
    {
        var context = new NullabilityInfoContext();
        return TypeName(method.ReturnType, context.Create(method.ReturnParameter));
    }

    private static string Parameters(MethodBase method)
    {
        var context = new NullabilityInfoContext();
        string extension = method.IsDefined(typeof(ExtensionAttribute), false) ? "this " : "";
        return extension + string.Join(", ", method.GetParameters().Select(p => Parameter(p, context)));
    }

    private static string Parameter(ParameterInfo parameter, NullabilityInfoContext context)
    {
        Type type = parameter.ParameterType;
        string modifier = "";
        if (type.IsByRef)
        {
            modifier = parameter.IsOut ? "out " : parameter.IsIn ? "in " : "ref ";
            type = type.GetElementType()!;
        }
        if (parameter.IsDefined(typeof(ParamArrayAttribute), false))
            modifier = "params ";
        NullabilityInfo nullability = context.Create(parameter);
        string text = $"{modifier}{TypeName(type, nullability, write: !parameter.IsOut)} {parameter.Name}";
        if (parameter.HasDefaultValue)
            // A struct's default arrives as null; say "default" as the source does.
            text += " = " + (parameter.RawDefaultValue is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null
                ? "default"
                : Literal(parameter.RawDefaultValue));
        return text;
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string text => "\"" + text + "\"",
        bool flag => flag ? "true" : "false",
        Missing => "default",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(char)] = "char", [typeof(short)] = "short",
        [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long",
        [typeof(ulong)] = "ulong", [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal",
    };

    // Short names (the type lines carry namespaces); nullability from the compiler's annotations, so T? vs T is visible.
    private static string TypeName(Type type, NullabilityInfo? nullability, bool write = false, bool qualified = false)
    {
        bool nullable = nullability is not null
            && (write ? nullability.WriteState : nullability.ReadState) == NullabilityState.Nullable;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return TypeName(underlying, nullability?.GenericTypeArguments.FirstOrDefault()) + "?";
        string marker = nullable && !type.IsValueType ? "?" : "";
        if (type.IsByRef)
            return "ref " + TypeName(type.GetElementType()!, nullability?.ElementType);
        if (type.IsArray)
            return TypeName(type.GetElementType()!, nullability?.ElementType) + "[" + new string(',', type.GetArrayRank() - 1) + "]" + marker;
        if (type.IsGenericParameter)
            return type.Name + marker;
        if (Keywords.TryGetValue(type, out string? keyword))
            return keyword + marker;
        string name = type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
            name = name[..tick];
        if (type.IsNested)
            name = TypeName(type.DeclaringType!, null, qualified: qualified) + "." + name;
        else if (qualified && type.Namespace is { } ns)
            name = ns + "." + name;
        if (type.IsGenericType)
        {
            Type[] arguments = type.GetGenericArguments();
            // A nested type's arguments include its outer type's; only its own belong after its name.
            int own = arguments.Length - (type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0);
            if (own > 0)
            {
                NullabilityInfo[]? argumentNullability = nullability?.GenericTypeArguments;
                var names = new List<string>();
                for (int i = arguments.Length - own; i < arguments.Length; i++)
                    names.Add(TypeName(arguments[i],
                        argumentNullability is not null && i < argumentNullability.Length ? argumentNullability[i] : null));
                name += "<" + string.Join(", ", names) + ">";
            }
        }
        return name + marker;
    }
}
